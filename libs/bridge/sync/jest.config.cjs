module.exports = {
  displayName: 'bridge-sync',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
