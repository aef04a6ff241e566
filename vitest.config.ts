import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'infra/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // expect.poll waits up to 1 s by default: too short for a browser step on a loaded 2-core CI
    // machine (a ticket save through the Cosmos simulator took longer there). It only delays a
    // failure; a passing poll returns as soon as its condition holds.
    expect: { poll: { timeout: 10_000 } },
  },
});
