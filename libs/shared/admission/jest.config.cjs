module.exports = {
  displayName: 'shared-admission',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
