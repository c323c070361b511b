import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A private TMPDIR per run; a temp folder a test leaves behind fails the run.
    globalSetup: ['test/setup/private-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: CLI tests spawn node processes, keep the pool small.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/s3/**'],
        },
      },
      {
        // Against a real S3 server (Ceph's gateway), started once per run by the globalSetup;
        // only when the run includes a test/s3 file. docs/testing.md.
        extends: true,
        test: {
          name: 's3',
          include: ['test/s3/**/*.test.ts'],
          globalSetup: ['test/s3/global-setup.ts'],
        },
      },
    ],
  },
});
