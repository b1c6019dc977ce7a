module.exports = {
  displayName: 'gateway-control-api',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
