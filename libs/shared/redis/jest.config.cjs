module.exports = {
  displayName: 'shared-redis',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
