module.exports = {
  displayName: 'bridge-sessions',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
