/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // Type-checking is `tsc --noEmit`'s job; tests only transpile (tsconfig has isolatedModules).
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['**/__tests__/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/dist/'],
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
  maxWorkers: 2,
  testTimeout: 60000,
};
