// Vitest globalSetup of the `s3` project: ONE Ceph S3 gateway per test run (start-up costs ~15 s),
// shared by every file of the project (test/s3 and the quickstart), handed to them by
// provide('s3Server'); each file works in its own bucket (test/helpers/s3.ts). Runs only when the
// run includes one of those files.
import type { TestProject } from 'vitest/node';
import { cephRgwMissing, startCephRgw, type S3Server } from '../helpers/ceph-rgw.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = serverFromEnv();
  if (external) {
    console.warn(`s3 tests: using the S3 server at ${external.endpoint} (CEPH_RGW_ENDPOINT)`);
    project.provide('s3Server', external);
    return;
  }
  const missing = cephRgwMissing();
  if (missing) {
    if (process.env.OTACTL_REQUIRE_S3_TESTS === '1') {
      throw new Error(`${missing} (OTACTL_REQUIRE_S3_TESTS=1 forbids skipping the S3 tests)`);
    }
    console.warn(`\n*** S3 TESTS SKIPPED: ${missing} ***\n`);
    project.provide('s3Server', { skip: missing });
    return;
  }
  const started = performance.now();
  const rgw = await startCephRgw();
  console.warn(`s3 tests: Ceph S3 gateway up at ${rgw.endpoint} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { stop, ...server } = rgw;
  project.provide('s3Server', server);
  return stop;
}

/** A server started by hand (scripts/ceph-rgw.sh start DIR, its output exported): no start-up cost. */
function serverFromEnv(): S3Server | undefined {
  const { CEPH_RGW_ENDPOINT: endpoint, CEPH_RGW_ACCESS_KEY_ID: accessKeyId, CEPH_RGW_SECRET_ACCESS_KEY: secretAccessKey } =
    process.env;
  if (!endpoint || !accessKeyId || !secretAccessKey) return undefined;
  return { endpoint, region: 'us-east-1', accessKeyId, secretAccessKey };
}
