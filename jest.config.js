/**
 * Type checking runs once in `npm test` (tsc --noEmit); jest only transpiles, file by file
 * (`isolatedModules` in tsconfig.json).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // The suite's own redis-server on a free port (TEST_REDIS_URL), started once and stopped at the end.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['<rootDir>/test/support/progress-reporter.js', '<rootDir>/test/support/closing-line-reporter.js'],
};
