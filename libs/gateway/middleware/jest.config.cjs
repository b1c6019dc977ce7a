module.exports = {
  displayName: 'gateway-middleware',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
