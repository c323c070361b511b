/**
 * `stats --html` in a real browser: a report aggregated from 90 minutes of generated logs (adaptive
 * buckets: minutes), with a channel history, rendered by headless Chromium (scripts/install-test-deps.sh
 * installs it). The DOM must hold the summary sentence and the three charts with their data; the
 * screenshots at a phone and a desktop width must show the charts drawn (their colours on the
 * canvas, the newest data inside the viewport), not only a file that exists.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StatsAggregator, type StatsReport } from '../../src/telemetry/aggregate.js';
import { renderHtml, type ChannelHistory } from '../../src/telemetry/html.js';
import { readPng } from '../helpers/png.js';

const dir = mkdtempSync(join(tmpdir(), 'otactl-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = 'com.example.agent';
const CH = '<script>alert(1)</script>'; // escaped everywhere (a channel name cannot hold it; the renderer must not trust that)
const OLD = 'b-aaaaaaaaaaaa';
const NEW = 'b-bbbbbbbbbbbb';
const T0 = Date.parse('2026-11-01T10:00:00Z');
const MIN = 60_000;

/** 100 devices poll each 10 minutes for 90 minutes; from minute 10, 2 devices a minute install NEW, 1 in 12 of them fails. */
function generatedReport(): StatsReport {
  const artifacts = new Map([
    ['e'.repeat(64), { app: APP, build_id: OLD, channel: 'stable', version_code: 1 }],
    ['f'.repeat(64), { app: APP, build_id: NEW, channel: 'stable', version_code: 2 }],
  ]);
  const agg = new StatsAggregator({ artifacts, by: 'auto' });
  const get = (at: number, path: string, query: string) => agg.add({ at, method: 'GET', path, query, status: 200, rangeStart: null });
  const beacon = (build: string, result: string) => `/apps/${APP}/beacons/${build}/${result}.txt`;
  const version = new Array<number>(100).fill(1);
  let installed = 0;
  for (let m = 0; m < 90; m++) {
    for (let d = m % 10; d < 100; d += 10) get(T0 + m * MIN, `/apps/${APP}/channels/stable/manifest.json`, `d=dev${d}&v=${version[d]}`);
    if (m < 10) continue;
    for (let k = 0; k < 2 && installed < 100; k++, installed++) {
      const q = `d=dev${installed}&c=stable`;
      if (installed % 12 === 11) get(T0 + m * MIN + 1000, beacon(NEW, 'fail'), `${q}&r=ota.install.fail`);
      else {
        get(T0 + m * MIN + 1000, beacon(NEW, 'ok'), q);
        get(T0 + m * MIN + 30_000, beacon(NEW, 'healthy'), q);
        version[installed] = 2;
      }
    }
    if (m === 20) for (let d = 90; d < 100; d++) get(T0 + m * MIN, beacon(NEW, 'deferred'), `d=dev${d}&c=stable&r=ota.defer.wifi`);
  }
  const report = agg.report();
  // The renderer is given the hostile channel name to escape.
  for (const c of report.channels) c.channel = CH;
  return report;
}

const history: ChannelHistory = {
  build_id: NEW,
  plan: { max_failure_rate: 5, state: 'halted', steps: [10, 50, 100], step: 1, reason: 'halted: 8.3% failures' },
  events: [
    { at: '2026-10-30T09:00:00.000Z', action: 'promote', build_id: OLD, percent: 100 },
    { at: '2026-11-01T10:05:00.000Z', action: 'promote', build_id: NEW, percent: 0 },
    { at: '2026-11-01T10:08:00.000Z', action: 'rollout', build_id: NEW, percent: 10, note: 'plan started at 10%' },
    { at: '2026-11-01T10:40:00.000Z', action: 'plan advance', build_id: NEW, percent: 50, note: 'advanced to 50%' },
    { at: '2026-11-01T11:10:00.000Z', action: 'plan halt', build_id: NEW, percent: 50, note: '8.3% failures, above the 5% limit' },
  ],
};

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars', `--user-data-dir=${join(dir, 'profile')}`];

/** Headless Chromium loads the page; its DOM after parsing. */
function chromiumDom(file: string): string {
  return execFileSync('chromium', [...chromiumFlags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

function screenshot(file: string, width: number, height: number): ReturnType<typeof readPng> {
  const png = join(dir, `shot-${width}.png`);
  execFileSync('chromium', [...chromiumFlags, `--window-size=${width},${height}`, `--screenshot=${png}`, `file://${file}`], { timeout: 120_000, stdio: 'ignore' });
  return readPng(readFileSync(png));
}

/** Pixels close to `rgb`, and how far right the rightmost one is (fraction of the width). */
function colourPixels(img: ReturnType<typeof readPng>, rgb: [number, number, number]): { count: number; rightmost: number } {
  let count = 0;
  let rightmost = 0;
  for (let y = 0; y < img.height; y += 1) {
    for (let x = 0; x < img.width; x += 1) {
      const [r, g, b] = img.rgb(x, y);
      if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 40) {
        count++;
        if (x > rightmost) rightmost = x;
      }
    }
  }
  return { count, rightmost: rightmost / img.width };
}

describe('stats --html in headless Chromium', { timeout: 240_000 }, () => {
  const file = join(dir, 'stats.html');
  let report: StatsReport;
  beforeAll(() => {
    report = generatedReport();
    writeFileSync(file, renderHtml(report, new Date('2026-11-02T00:00:00Z'), new Map([[`${APP}/${CH}`, history]])));
  });

  test('adaptive buckets: 90 minutes of logs are drawn in minutes, a month would be in days', () => {
    expect(report.by).toBe('minute');
    expect(report.channels[0]!.buckets).toHaveLength(90);
    const month = new StatsAggregator({ artifacts: new Map(), by: 'auto' });
    for (let h = 0; h < 30 * 24; h++) month.add({ at: T0 + h * 3_600_000, method: 'GET', path: `/apps/a/channels/c/manifest.json`, query: `d=x${h % 7}`, status: 200, rangeStart: null });
    expect(month.report().by).toBe('day');
  });

  test('self-contained, and the DOM holds the summary sentence and the three charts with their data', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|src=|href=|url\(/i);
    expect(html).toContain("default-src 'none'");
    const dom = chromiumDom(file);
    expect(dom).toContain('<h2>com.example.agent / &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    // One sentence: the verdict and the numbers (92 of 100 run the build; 8 failed; the plan halted).
    const summary = /<p class="summary unhealthy">([^<]*)<\/p>/.exec(dom)?.[1];
    expect(summary).toBe(
      'com.example.agent/&lt;script&gt;alert(1)&lt;/script&gt;: not healthy — b-bbbbbbbbbbbb runs on 92 of 100 devices (92.0 %, 92 confirmed boots), 8 failed; failure rate 8.0 % against a 5 % limit; plan halted at step 2 of 3 (50 %).',
    );
    const figure = (id: string) => new RegExp(`<figure id="${id}-[^"]*">([\\s\\S]*?)</figure>`).exec(dom)?.[1] ?? '';
    // Adoption: a line per build, a titled point per minute bucket; NEW climbs to 92 %.
    const adoption = figure('adoption');
    expect(adoption.match(/<polyline /g)).toHaveLength(2);
    expect(adoption.match(/<circle /g)).toHaveLength(2 * 90);
    expect(adoption).toContain('<title>2026-11-01T11:30:00.000Z b-bbbbbbbbbbbb 92.0% of 100 devices</title>');
    // Failure rate: NEW's points where attempts were reported, and the plan's 5 % limit drawn.
    const failures = figure('failures');
    expect(failures).toContain('data-series="b-bbbbbbbbbbbb"');
    expect(failures.match(/<circle /g)!.length).toBeGreaterThanOrEqual(45);
    expect(failures).toMatch(/<g class="limit"><line [^>]*stroke="#d62728"[^>]*>.*limit 5 %/);
    // Rollout percent: a step line from history, the four changes inside the span marked (the promote before it is the start value).
    const rollout = figure('rollout');
    expect(rollout.match(/<g class="event">/g)).toHaveLength(4);
    expect(rollout).toContain('<title>2026-11-01T11:10:00.000Z plan halt b-bbbbbbbbbbbb at 50%: 8.3% failures, above the 5% limit</title>');
    expect(rollout).toContain('(before this span)');
  });

  test('screenshots at a phone and a desktop width show the charts drawn, with their newest data in view', () => {
    for (const [width, height] of [
      [390, 2600],
      [1280, 2000],
    ] as const) {
      const img = screenshot(file, width, height);
      expect(img.width).toBe(width);
      const oldLine = colourPixels(img, [0x1f, 0x77, 0xb4]); // OLD: falls as devices move to NEW
      const newLine = colourPixels(img, [0xd6, 0x27, 0x28]); // NEW's lines and the limit / halt in red
      expect(oldLine.count, `${width}px: adoption line of ${OLD}`).toBeGreaterThan(100);
      expect(newLine.count, `${width}px: red series`).toBeGreaterThan(100);
      // The charts scale to the width: the last bucket's points are inside the right edge, not cut off.
      expect(oldLine.rightmost).toBeGreaterThan(0.8);
      expect(oldLine.rightmost).toBeLessThan(1);
    }
  });
});
