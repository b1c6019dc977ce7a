module.exports = {
  displayName: 'shared-keyspace',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
