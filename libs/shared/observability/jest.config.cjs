module.exports = {
  displayName: 'shared-observability',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
