module.exports = {
  displayName: 'shared-control-plane-db',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
