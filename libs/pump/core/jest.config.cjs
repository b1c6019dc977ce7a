module.exports = {
  displayName: 'pump-core',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
