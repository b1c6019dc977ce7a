module.exports = {
  displayName: 'gateway-storage',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
