module.exports = {
  displayName: 'shared-proto',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
