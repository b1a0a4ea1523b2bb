import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/tests/**/*.test.ts'],
    // Each test file opens its own database; PGlite start-up dominates, so allow for it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
