module.exports = {
  displayName: 'dashboard-data-access',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
