module.exports = {
  displayName: 'pump',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
