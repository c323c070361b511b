import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';
import { parsePrometheus } from '../telemetry/prometheus-parse.js';
import { cloudFrontLog, type Req } from '../telemetry/log-fixtures.js';

const SPAWNING = { timeout: 180_000 };

describe('otactl stats', SPAWNING, () => {
  const ws = seededCliSuite();
  const manifest = '/apps/demo/channels/stable/manifest.json';
  let sha1: string;

  beforeAll(async () => {
    expect((await ws.run(['promote', ws.b1, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes'])).code).toBe(0);
    const builds = (await ws.run(['builds', '--app', 'demo', '--json'])).json().builds as { build_id: string; sha256: string }[];
    sha1 = builds.find((b) => b.build_id === ws.b1)!.sha256;
    const reqs: Req[] = [
      { at: '2026-11-01T10:00:00Z', path: manifest, query: 'd=h1', status: 200 },
      { at: '2026-11-01T10:01:00Z', path: manifest, query: 'd=h2', status: 304 },
      { at: '2026-11-01T10:02:00Z', path: `/artifacts/sha256/${sha1}`, status: 200 },
      { at: '2026-11-01T10:03:00Z', path: `/artifacts/sha256/${sha1}`, status: 206, range: [4096, 9999] },
      { at: '2026-11-01T10:04:00Z', path: `/apps/demo/beacons/${ws.b1}/ok.txt`, query: 'd=h1&c=stable', status: 200 },
      { at: '2026-11-01T10:05:00Z', path: `/apps/demo/beacons/${ws.b1}/fail.txt`, query: 'd=h2&c=stable&r=E_INSTALL', status: 200 },
    ];
    mkdirSync(join(ws.dir, 'logs'));
    writeFileSync(join(ws.dir, 'logs', 'E1.2026-11-01-10.gz'), gzipSync(`${cloudFrontLog(reqs)}not a log line\n`));
  });

  it('--json: the counts of the logs, the artifact mapped to its build and channel; malformed lines warned about', async () => {
    const r = await ws.run(['stats', '--logs', 'logs', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 malformed log lines skipped/);
    const report = r.json();
    expect(report.lines).toMatchObject({ read: 6, malformed: 1 });
    expect(report.channels).toEqual([
      expect.objectContaining({
        app: 'demo',
        channel: 'stable',
        checks: 2,
        not_modified: 1,
        devices: 2,
        builds: [expect.objectContaining({ build_id: ws.b1, downloads: 1, installs: { ok: 1, fail: 1 }, verify_fail: 0, reasons: { E_INSTALL: 1 }, adoption: 0.5, failure_ratio: 0.5 })],
      }),
    ]);
  });

  it('--format prometheus: valid text with the seed names', async () => {
    const r = await ws.run(['stats', '--logs', 'logs', '--format', 'prometheus']);
    expect(r.code, r.stderr).toBe(0);
    const { samples } = parsePrometheus(r.stdout);
    const labels = { app: 'demo', channel: 'stable' };
    expect(samples).toContainEqual({ name: 'ota_checks_total', labels, value: 2 });
    expect(samples).toContainEqual({ name: 'ota_installs_total', labels: { ...labels, result: 'fail' }, value: 1 });
    expect(samples).toContainEqual({ name: 'ota_adoption_ratio', labels: { ...labels, build_id: ws.b1 }, value: 0.5 });
  });

  it('the table names the channel and the build; --since past the logs shows no traffic', async () => {
    const table = await ws.run(['stats', '--logs', 'logs', '--by', 'hour']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('demo/stable  checks 2 (1 not modified)  devices 2');
    expect(table.stdout).toMatch(new RegExp(`${ws.b1}\\s+█{10}░{10}\\s+50.0%\\s+█{10}░{10}\\s+50.0%\\s+1\\n`));
    expect(table.stdout).toContain('running 1 (0 confirmed boots)  deferred 0  not offered 0  failed 1  rolled back 0  other 0');
    expect(table.stdout).toContain(`2026-11-01 10:00  checks 2  downloads 1  ok 1  fail 1  verify 0  devices 2  ${ws.b1} ${'█'.repeat(10)}${'░'.repeat(10)} 50.0%`);
    const none = await ws.run(['stats', '--logs', 'logs', '--since', '2030-01-01T00:00:00Z']);
    expect(none.stdout).toContain('no update traffic in these logs');
  });

  it('--html writes the page beside the normal output; an unwritable path is one line, exit 7', async () => {
    const r = await ws.run(['stats', '--logs', 'logs', '--html', 'stats.html', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().channels).toHaveLength(1);
    const page = readFileSync(join(ws.dir, 'stats.html'), 'utf8');
    expect(page).toContain('<h2>demo / stable</h2>');
    expect(page).toContain(`data-series="${ws.b1}"`);
    expectCleanFailure(await ws.run(['stats', '--logs', 'logs', '--html', 'no/such/dir/x.html', '--json']), 7, 'E_OUTPUT');
  });

  it('--athena-sql prints the table and the query with this store\'s builds, reading no logs', async () => {
    const r = await ws.run(['stats', '--logs', 's3://ota-logs/cf/', '--athena-sql']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("LOCATION 's3://ota-logs/cf/'");
    expect(r.stdout).toContain(`('${sha1}', 'demo', '${ws.b1}', 'stable', `);
  });

  it('a missing --logs path: one line, exit 2, E_NO_FILE', async () => {
    expectCleanFailure(await ws.run(['stats', '--logs', 'nowhere', '--json']), 2, 'E_NO_FILE');
  });

  it('the default table breaks lines for real: no literal \\n, each channel row on its own line', async () => {
    const table = await ws.run(['stats', '--logs', 'logs']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('\\n');
    const lines = table.stdout.split('\n');
    expect(lines).toContain('demo/stable  checks 2 (1 not modified)  devices 2');
    expect(lines.some((l) => l.startsWith(`  ${ws.b1}`))).toBe(true);
    expect(lines[0]).toMatch(/^\d+ requests read/);
  });

  it('status-000 lines (the client went away before the answer, as otactl serve and CloudFront log them) are requests, not malformed', async () => {
    const reqs: Req[] = [
      { at: '2026-11-02T08:00:00Z', path: manifest, query: 'd=q1', status: 0 },
      { at: '2026-11-02T08:00:01Z', path: `/artifacts/sha256/${sha1}`, status: 0 },
      { at: '2026-11-02T08:00:02Z', path: manifest, query: 'd=q2', status: 200 },
    ];
    ws.file('gone.log', cloudFrontLog(reqs));
    const r = await ws.run(['stats', '--logs', 'gone.log', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/malformed/);
    expect(r.json().lines).toMatchObject({ read: 3, malformed: 0 });
    // Neither a check nor a download: the answer never reached the device.
    expect(r.json().channels[0]).toMatchObject({ checks: 1, builds: [] });
  });

  it('an empty --logs folder is the same mistake as a missing path (exit 2, E_NO_FILE), not "no update traffic"', async () => {
    mkdirSync(join(ws.dir, 'empty-logs'));
    const r = await ws.run(['stats', '--logs', 'empty-logs', '--json']);
    expectCleanFailure(r, 2, 'E_NO_FILE');
    expect(r.json().error.message).toContain('empty-logs');
  });
});
