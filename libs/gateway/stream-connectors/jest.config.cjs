module.exports = {
  displayName: 'gateway-stream-connectors',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
