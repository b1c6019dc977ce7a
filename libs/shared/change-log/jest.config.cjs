module.exports = {
  displayName: 'shared-change-log',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
