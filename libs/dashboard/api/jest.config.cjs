module.exports = {
  displayName: 'dashboard-api',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
