// UI logic runs in jsdom with Testing Library; the browser suite (real Chromium) lives in tools/e2e.
module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/*.spec.ts'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: { '\\.css$': '<rootDir>/src/testing/style-stub.cjs' },
};
