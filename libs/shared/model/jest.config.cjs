module.exports = {
  displayName: 'shared-model',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
