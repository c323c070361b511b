import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A private TMPDIR per run; a temp folder a test leaves behind fails the run.
    globalSetup: ['test/setup/private-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: CLI tests spawn node processes, keep the pool small.
    maxWorkers: 2,
  },
});
