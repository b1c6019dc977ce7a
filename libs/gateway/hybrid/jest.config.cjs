module.exports = {
  displayName: 'gateway-hybrid',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
