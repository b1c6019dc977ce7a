module.exports = {
  displayName: 'dashboard-domain',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
