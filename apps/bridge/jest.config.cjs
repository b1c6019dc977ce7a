module.exports = {
  displayName: 'bridge',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
