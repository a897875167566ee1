// Two projects so that `npm test` runs both layers and each can be run alone.
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: { module: 'NodeNext', moduleResolution: 'NodeNext', isolatedModules: true } }
]
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest }
}
export default {
  // e2e runs boot instances in the fake and ride out throttling backoff: seconds, not milliseconds.
  testTimeout: 60_000,
  // The e2e tests mostly wait on booting instances in the fake, so more workers than cores pays off.
  maxWorkers: 4,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }
  ]
}
