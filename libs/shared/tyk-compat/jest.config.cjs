module.exports = {
  displayName: 'shared-tyk-compat',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
