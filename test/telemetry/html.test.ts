import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { reportOf } from './report-fixture.js';
import { renderHtml } from '../../src/telemetry/html.js';

const dir = mkdtempSync(join(tmpdir(), 'otactl-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bucket = (start: string, adoption: Record<string, number>) => ({ start, checks: 1, downloads: 0, installs: { ok: 0, fail: 0 }, verify_fail: 0, devices: 4, adoption });
const report = reportOf(
  [
    {
      app: 'com.example.agent',
      channel: '<script>alert(1)</script>',
      checks: 9,
      not_modified: 4,
      devices: 4,
      builds: [{ build_id: 'b-aaaaaaaaaaaa', downloads: 3, installs: { ok: 2, fail: 1 }, verify_fail: 0, reasons: {} }],
      buckets: [
        bucket('2026-11-01T10:00:00.000Z', { 'b-aaaaaaaaaaaa': 0.25 }),
        bucket('2026-11-01T11:00:00.000Z', { 'b-aaaaaaaaaaaa': 0.5, 'b-bbbbbbbbbbbb': 0.25 }),
        bucket('2026-11-01T12:00:00.000Z', { 'b-aaaaaaaaaaaa': 0.75 }),
      ],
    },
  ],
  'hour',
  { read: 12, malformed: 1 },
);

/** Headless Chromium (Debian `chromium`, scripts/install-test-deps.sh) loads the page; its DOM after parsing. */
function chromiumDom(file: string): string {
  return execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${join(dir, 'profile')}`, '--dump-dom', `file://${file}`], {
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

test('--html: a self-contained page Chromium renders: one polyline per build, a titled point per bucket, text escaped', { timeout: 180_000 }, () => {
  const html = renderHtml(report, new Date('2026-11-02T00:00:00Z'));
  expect(html).not.toMatch(/<script|src=|href=|url\(/i);
  expect(html).toContain("default-src 'none'");
  const file = join(dir, 'stats.html');
  writeFileSync(file, html);
  const dom = chromiumDom(file);
  expect(dom).toContain('<h2>com.example.agent / &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
  expect(dom.match(/<polyline /g)).toHaveLength(2);
  expect(dom.match(/<circle /g)).toHaveLength(6);
  expect(dom).toContain('<title>2026-11-01T11:00:00.000Z b-aaaaaaaaaaaa 50.0%</title>');
  expect(dom).toContain('<title>2026-11-01T12:00:00.000Z b-bbbbbbbbbbbb 0.0%</title>');
  // The first build's line climbs: y of 25%, 50%, 75% on a 172-pixel-high plot from y=12.
  expect(dom).toMatch(/data-build="b-aaaaaaaaaaaa"><polyline [^>]*points="44,141 336,98 628,55"/);
  expect(dom).toContain('12 requests read, 1 malformed lines skipped, by hour; generated 2026-11-02T00:00:00.000Z');
});
