module.exports = {
  displayName: 'shared-tls',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
