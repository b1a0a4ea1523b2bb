import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web tests reach the server code as the web application does (tsconfig.json `paths`).
  resolve: { alias: { '@headstamp': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'web/tests/**/*.test.ts'],
    // Migrates one template store for the whole run; each test store is a copy of it.
    globalSetup: ['src/test/global-setup.ts'],
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // where the test files (independent: each opens its own stores, servers and folders) spend
    // much of their time waiting on PGlite, child processes and the browser. One per core.
    maxWorkers: Math.max(2, availableParallelism()),
    // The files share no global state (no module mocks, no stubbed environment; each opens its
    // own stores, servers and folders), so a worker keeps its loaded modules from one file to the
    // next instead of loading the application and compiling PGlite again for each file.
    isolate: false,
    // Each test file opens its own database and the CLI tests start processes; on a loaded
    // 2-core machine both take tens of seconds, so allow for it.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A page under a loaded CI machine can take seconds to settle; a second is too tight.
    expect: { poll: { timeout: 15_000 } },
  },
});
