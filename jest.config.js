// A zone far from UTC, so that a timestamp read as local time instead of UTC fails the tests on any machine.
process.env.TZ = 'Asia/Kolkata'

/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/__tests__', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  // Sized for a loaded 2-core machine running two suites at once: a test is never failed for being slow, only for
  // hanging. No test relies on this as a measure of speed.
  testTimeout: 120_000,
  // Upstream's jest 27 writes snapshots in this format; ours must write the same bytes, as the files are shared.
  snapshotFormat: { escapeString: true, printBasicPrototype: true },
  collectCoverageFrom: ['src/destinations/**/*.ts', '!**/__tests__/**', '!**/generated-types.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    'src/destinations/': { lines: 95, statements: 95, branches: 90, functions: 95 }
  }
}
