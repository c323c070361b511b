/**
 * Issue 17 item 5 on S3 (the run's Ceph gateway): `gc --yes` and an upload of an orphan artifact's
 * very bytes, scripted in the two interleavings that lost the artifact, then raced at random
 * (test/helpers/gc-upload-race.ts). The protocol needs only what S3 guarantees: strongly
 * consistent PUT (If-None-Match), HEAD, LIST and DELETE (src/release/artifact-guard.ts).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Store } from '../../src/store/s3-store.js';
import { gcBeforeTheRecord, raceGcAndUpload, uploadBeforeTheDelete } from '../helpers/gc-upload-race.js';
import { p256 } from '../helpers/memory-release.js';
import { createTestBucket, removeTestBucket, s3Client, s3ServerOrSkip, s3StoreOptions } from '../helpers/s3.js';

const server = s3ServerOrSkip('test/s3/gc-upload-race.test.ts');

describe.skipIf(!server)('gc against a concurrent upload of the same bytes (S3)', () => {
  let client: S3Client;
  let bucket: string;
  const dir = mkdtempSync(join(tmpdir(), 'otactl-s3-gc-race-'));
  const stores: S3Store[] = [];
  let prefixes = 0;
  const freshStore = async () => {
    const store = new S3Store(s3StoreOptions(server!, bucket, `round-${++prefixes}`));
    stores.push(store);
    return store;
  };
  const key = p256();

  beforeAll(async () => {
    client = s3Client(server!);
    bucket = await createTestBucket(client, 'gc-race');
  });
  afterAll(async () => {
    for (const s of stores) s.client.destroy();
    await removeTestBucket(client, bucket);
    client?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gc running whole between the upload\'s existence check and its record keeps the artifact (the upload\'s lease)', async () => {
    expect(await gcBeforeTheRecord(await freshStore(), { key, dir }, 'scripted-1')).toEqual({ gcDeleted: false, broken: null, markers: 0 });
  });

  it('an upload starting while gc deletes waits for gc\'s intent to go, then writes the bytes again', async () => {
    expect(await uploadBeforeTheDelete(await freshStore(), { key, dir }, 'scripted-2')).toEqual({ gcDeleted: true, broken: null, markers: 0 });
  });

  it('raced at random over 30 rounds: no release record ever names an artifact gc deleted', async () => {
    const r = await raceGcAndUpload({ rounds: 30, freshStore, key, dir, opPauseMs: 5, leadOps: [-6, 2] });
    console.log(`gc/upload race on S3: ${JSON.stringify({ ...r, broken: r.broken.length })}`);
    expect(r.broken).toEqual([]);
    expect(r.leftMarkers).toBe(0);
    expect(r.contested).toBeGreaterThan(r.rounds / 2); // the rounds raced for real
  }, 300_000);
});
