module.exports = {
  displayName: 'gateway-proxy',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
