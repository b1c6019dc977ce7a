module.exports = {
  displayName: 'gateway-streams',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
