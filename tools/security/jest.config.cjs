module.exports = {
  displayName: 'security',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.security-spec.ts'],
  testTimeout: 60000,
};
