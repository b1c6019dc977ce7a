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
    // TanStack Table ships ES modules only; jest on Node 20 runs CommonJS, so it is compiled like our code.
    '/node_modules/@tanstack/(react-table|table-core)/.+\\.js$': [
      'ts-jest',
      { tsconfig: '<rootDir>/tsconfig.spec.json' },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@tanstack/(react-table|table-core)/)'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/testing/style-stub.cjs' },
};
