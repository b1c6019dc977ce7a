module.exports = {
  displayName: 'shared-control-store',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
