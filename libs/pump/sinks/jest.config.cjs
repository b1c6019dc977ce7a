module.exports = {
  displayName: 'pump-sinks',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
