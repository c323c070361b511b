/**
 * One download folder shared by two updaters (issue 18, docs list): the second that wants the same
 * file while the first downloads it fails at once with a typed DeviceFetchError (reason busy)
 * instead of writing into the same `.part` and surfacing a raw `ENOENT rename`; a lock left by a
 * dead process is taken over; the folder's own failures are typed too.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileArtifact } from '../helpers/file-artifact.js';
import { downloadVerified } from '../../src/device/download.js';
import { DeviceFetchError } from '../../src/device/fetcher.js';

const work = mkdtempSync(join(tmpdir(), 'otactl-shared-dl-'));
const { artifact, build } = fileArtifact({ bytes: 96 * 1024, buildId: 'b-shared', versionCode: 7, url: '/artifact' });

// Serves the artifact; while `hold` is set, the first request gets half the body and waits for it.
let hold: { started: () => void; release: Promise<void> } | null = null;
let requests = 0;
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-length': String(artifact.length), etag: '"shared-1"' });
    const h = hold;
    hold = null;
    if (!h) return void res.end(artifact);
    res.write(artifact.subarray(0, artifact.length / 2));
    h.started();
    void h.release.then(() => res.end(artifact.subarray(artifact.length / 2)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/artifact`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function folder(): string {
  const dir = join(work, `shared-${++n}`);
  mkdirSync(dir);
  return dir;
}

describe('two updaters sharing one download folder', () => {
  it('the second that wants the same file mid-download fails at once, typed (busy); the first completes verified; nothing left behind', async () => {
    const dir = folder();
    const dest = join(dir, 'b-shared.file');
    let started!: () => void;
    const midway = new Promise<void>((r) => (started = r));
    let release!: () => void;
    hold = { started, release: new Promise<void>((r) => (release = r)) };
    const first = downloadVerified({ url, build, dest });
    await midway; // the first holds half the file in dest.part
    const second = await downloadVerified({ url, build, dest }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DeviceFetchError);
    expect(second).toMatchObject({ code: 'ota.download.fail', details: { reason: 'busy', file: dest } });
    expect((second as Error).message).toMatch(new RegExp(`is being downloaded by pid ${process.pid} sharing this folder`));
    expect(requests).toBe(1); // the second never touched the network nor the partial file
    release();
    const done = await first;
    expect(done.file).toBe(dest);
    expect(readFileSync(dest).equals(artifact)).toBe(true);
    expect(readdirSync(dir)).toEqual(['b-shared.file']);
    // The lock went with the first download: the next one runs.
    rmSync(dest);
    await expect(downloadVerified({ url, build, dest })).resolves.toMatchObject({ file: dest });
  });

  it('handOverTo: each caller gets a verified file of its own name, so one removing its file after install leaves the other\'s', async () => {
    const dir = folder();
    const dest = join(dir, 'b-shared.file');
    const a = await downloadVerified({ url, build, dest, handOverTo: join(dir, 'b-shared.a.file') });
    const b = await downloadVerified({ url, build, dest, handOverTo: join(dir, 'b-shared.b.file') });
    rmSync(a.file);
    expect(readFileSync(b.file).equals(artifact)).toBe(true);
    expect(readdirSync(dir)).toEqual(['b-shared.b.file']);
  });

  it('a lock left by a process that is gone is taken over; one held by a live process on another host is not', async () => {
    const dir = folder();
    const dest = join(dir, 'b-shared.file');
    // A pid no process has: above the kernel's pid_max (at most 2^22).
    writeFileSync(`${dest}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, host: hostname() }));
    await expect(downloadVerified({ url, build, dest })).resolves.toMatchObject({ file: dest });
    expect(existsSync(`${dest}.lock`)).toBe(false);
    rmSync(dest);
    writeFileSync(`${dest}.lock`, JSON.stringify({ pid: 4242, host: 'other-gateway' }));
    await expect(downloadVerified({ url, build, dest })).rejects.toMatchObject({ code: 'ota.download.fail', details: { reason: 'busy' } });
    expect(existsSync(`${dest}.lock`)).toBe(true); // not ours to remove
  });

  it('the folder\'s own failures are typed too: a missing folder is ota.download.fail, not a raw ENOENT', async () => {
    const dest = join(work, 'no-such-folder', 'b-shared.file');
    const err = await downloadVerified({ url, build, dest }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceFetchError);
    expect(err).toMatchObject({ code: 'ota.download.fail' });
    expect((err as Error).message).toMatch(/ENOENT/);
  });
});
