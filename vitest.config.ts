import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The Japanese dictionary load and model training make some suites take seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { requireAssertions: true },
    pool: 'forks',
  },
});
