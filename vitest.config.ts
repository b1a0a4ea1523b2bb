import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web tests reach the server code as the web application does (tsconfig.json `paths`).
  resolve: { alias: { '@headstamp': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'web/tests/**/*.test.ts'],
    // Each test file opens its own database and the CLI tests start processes; on a loaded
    // 2-core machine both take tens of seconds, so allow for it.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A page under a loaded CI machine can take seconds to settle; a second is too tight.
    expect: { poll: { timeout: 15_000 } },
  },
});
