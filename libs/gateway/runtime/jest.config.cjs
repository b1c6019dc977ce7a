module.exports = {
  displayName: 'gateway-runtime',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
