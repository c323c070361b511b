/**
 * Publishes a build's result beacons (protocol/beacon.ts): one tiny immutable object per result, so a
 * CDN answers a device's report with 200 from its cache and logs it with its query string.
 * Written at upload, beside the artifact: the build can be reported on from the moment any channel
 * may serve it, and promote/rollout stay a single compare-and-swap of the manifest.
 */
import { BEACON_BODY, BEACON_RESULTS, beaconKey } from '../protocol/beacon.js';
import { cacheControl } from '../repo/layout.js';
import type { Store } from '../store/store.js';

/** Idempotent: an existing beacon is left as it is (a re-upload backfills builds from before beacons). */
export async function publishBeacons(store: Store, app: string, buildId: string): Promise<void> {
  const body = Buffer.from(BEACON_BODY);
  for (const result of BEACON_RESULTS) {
    await store.putIfAbsent(beaconKey(app, buildId, result), body, { contentType: 'text/plain; charset=utf-8', cacheControl: cacheControl.immutable });
  }
}
