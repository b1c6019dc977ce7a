module.exports = {
  displayName: 'shared-app-runtime',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
