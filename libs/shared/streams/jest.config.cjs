module.exports = {
  displayName: 'shared-streams',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
