module.exports = {
  displayName: 'gateway-definitions',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
