import { configDefaults, defineConfig } from 'vitest/config';

/** Test files reading test/.generated/apks (test/artifacts/apk/fresh/make-apks.sh). */
const FRESH_APK_TESTS = ['test/artifacts/apk/fresh/**/*.test.ts', 'test/cli/apk-upload.test.ts', 'test/cli/upload-trust.test.ts', 'test/release/pin-attacks.test.ts', 'test/release/signer-pin.test.ts'];

/** Test files on the shared S3 server (Ceph's gateway): test/s3, and the quickstart, whose S3 part runs there. */
const S3_TESTS = ['test/s3/**/*.test.ts', 'test/examples/quickstart.test.ts'];

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
          exclude: [...configDefaults.exclude, ...S3_TESTS, ...FRESH_APK_TESTS],
        },
      },
      {
        // The tests that read APKs made fresh by Debian's tools: made once per run by the globalSetup.
        extends: true,
        test: {
          name: 'apks',
          include: FRESH_APK_TESTS,
          globalSetup: ['test/setup/fresh-apks.ts'],
        },
      },
      {
        // Against a real S3 server (Ceph's gateway), started once per run by the globalSetup;
        // only when the run includes one of these files. docs/testing.md.
        extends: true,
        test: {
          name: 's3',
          include: S3_TESTS,
          globalSetup: ['test/s3/global-setup.ts'],
        },
      },
    ],
  },
});
