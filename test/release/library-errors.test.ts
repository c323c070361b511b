/**
 * Library errors name fields, not flags: a library caller reads `minCurrentVersion`, never
 * `--min-current-version`, and the option an error is about rides in details.field. Two halves:
 * library calls that fail, and a scan of every string literal below src/cli.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cdn } from '../../src/cdn/cdn.js';
import { planAppTrust, type Candidate } from '../../src/core/app-trust.js';
import { ERRORS, EXIT_MEANINGS, OtaError } from '../../src/errors.js';
import { DEFAULT_RETRY } from '../../src/nudge/retry.js';
import { WebhookTransport } from '../../src/nudge/webhook.js';
import { nudge, type NudgeDeps } from '../../src/nudge/workflow.js';
import { artifactFamilyName } from '../../src/protocol/ids.js';
import { promote, rollback, rollout } from '../../src/release/channel-workflows.js';
import { invalidateChannel } from '../../src/release/cdn.js';
import { upload } from '../../src/release/upload.js';
import { parseS3LogUrl } from '../../src/telemetry/s3-logs.js';
import { repoRoot } from '../helpers/cli.js';
import { memoryRelease } from '../helpers/memory-release.js';
import { literals, sourceFiles } from '../helpers/source-scan.js';

const FLAG = /(^|[^-\w])--[a-z]/;

async function refusal(work: () => unknown): Promise<OtaError> {
  try {
    await work();
  } catch (err) {
    if (err instanceof OtaError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('library errors name the field they are about, never a flag', () => {
  it.each<[string, string, string, (r: Awaited<ReturnType<typeof memoryRelease>>) => unknown]>([
    ['upload without an app', 'E_USAGE', 'app', (r) => upload(r.deps, { file: __filename, kind: 'file', versionCode: 1 })],
    ['upload of a bad app id', 'E_USAGE', 'app', (r) => upload(r.deps, { file: __filename, kind: 'file', versionCode: 1, app: 'a b' })],
    ['upload without a version', 'E_NO_VERSION', 'versionCode', (r) => upload(r.deps, { file: __filename, kind: 'file', app: 'demo' })],
    ['upload with a bad signer pin', 'E_USAGE', 'expectSigners', (r) => upload(r.deps, { file: __filename, kind: 'file', app: 'demo', versionCode: 1, expectSigners: ['nope'] })],
    [
      'upload of a lower version than the channel serves',
      'E_VERSION_NOT_HIGHER',
      'allowLowerVersion',
      async (r) => {
        const b = await r.build(5);
        await promote(r.deps, { app: 'demo', channel: 'stable', build: b.build_id, percent: 100 });
        return r.build(3);
      },
    ],
    [
      'promote with intermediate and no minCurrentVersion',
      'E_USAGE',
      'intermediate',
      async (r) => promote(r.deps, { app: 'demo', channel: 'stable', build: (await r.build(1)).build_id, percent: 5, intermediate: 'b-1' }),
    ],
    [
      'rollback with no safe build',
      'E_NO_SAFE_BUILD',
      'to',
      async (r) => {
        await promote(r.deps, { app: 'demo', channel: 'stable', build: (await r.build(1)).build_id, percent: 5 });
        return rollback(r.deps, { app: 'demo', channel: 'stable' });
      },
    ],
    [
      'a plan whose steps do not increase',
      'E_USAGE',
      'plan',
      async (r) => {
        await promote(r.deps, { app: 'demo', channel: 'stable', build: (await r.build(1)).build_id, percent: 5 });
        return rollout(r.deps, { app: 'demo', channel: 'stable', percent: 5, plan: { steps: [5, 1], everySeconds: 3600, maxFailureRate: 2, minSamples: 10 } });
      },
    ],
    [
      'a plan step held for 30 s',
      'E_USAGE',
      'everySeconds',
      (r) => rollout(r.deps, { app: 'demo', channel: 'stable', percent: 5, plan: { steps: [5, 10], everySeconds: 30, maxFailureRate: 2, minSamples: 10 } }),
    ],
    ['invalidate with no CDN configured', 'E_USAGE', 'distributionId', (r) => invalidateChannel(r.deps, { app: 'demo', channel: 'stable' })],
  ])('%s: %s, field %s', async (_name, code, field, work) => {
    const r = await memoryRelease();
    const err = await refusal(() => work(r));
    expect(err).toMatchObject({ code, details: { field } });
    expect(err.message).not.toMatch(FLAG);
    expect(err.message).toContain(`\`${field}\``);
  });

  it('a signer change, an edge check without a base URL, a nudge, a log URL, a webhook URL and an artifact kind', async () => {
    const A = 'a'.repeat(64);
    const apk = (signer: string, build: string): Candidate => ({ app: 'com.x', family: 'apk', build_id: build, signer, lineage: [] });
    const ctx = { now: new Date('2026-03-01T12:00:00Z'), actor: 'ci', pins: [], allowSignerChange: false };
    const record = planAppTrust(null, apk(A, 'b-000000000001'), ctx).record;
    const fail: [() => unknown, string][] = [
      [() => planAppTrust(record, apk('b'.repeat(64), 'b-000000000002'), ctx), 'allowSignerChange'],
      [() => new Cdn({ verifyEdge: { trustedKeys: new Map() }, wait: false }), 'verifyEdge'],
      [() => parseS3LogUrl('https://logs.example.com'), 'logs'],
      // The http(s) rule is the transport's (the CLI only says when no URL was given anywhere).
      [() => new WebhookTransport({ url: 'ftp://hooks.example.com/n', retry: DEFAULT_RETRY, deps: {} as never }), 'webhookUrl'],
      [() => artifactFamilyName('zip'), 'kind'],
      [
        () =>
          nudge({ transport: { via: 'webhook' }, now: () => new Date() } as unknown as NudgeDeps, {
            app: 'demo', channel: 'stable', selection: { kind: 'all' }, eligibleOnly: true, dryRun: true, concurrency: 1,
          }),
        'eligibleOnly',
      ],
    ];
    for (const [work, field] of fail) {
      const err = await refusal(work);
      expect(err.details.field, err.message).toBe(field);
      expect(err.message).not.toMatch(FLAG);
    }
  });
});

const src = join(repoRoot, 'src');
const library = sourceFiles(src).filter((f) => !relative(src, f).startsWith('cli/'));

/** The catalogue's hints and exit-code meanings are the CLI's text (src/cli/flag-names.ts says why). */
const CLI_TEXT_IN_CATALOGUE = new Set<string>([...Object.values(ERRORS).map((e) => e.hint), ...Object.values(EXIT_MEANINGS)]);

describe('below src/cli no string names a flag, and UsageError is not used', () => {
  it('the scan sees the literals of a file (a flag-naming message would be found)', () => {
    const upload = literals(join(src, 'release', 'upload.ts'));
    expect(upload).toContain('`app` is required for this artifact (it does not name its application)');
    expect(upload).toContain("`versionCode` VALUE contradicts the artifact's own VALUE");
  });

  it('no string literal outside src/cli holds a --flag (comments may)', () => {
    const found = library.flatMap((f) =>
      literals(f)
        .filter((text) => FLAG.test(text) && !(relative(src, f) === 'errors.ts' && CLI_TEXT_IN_CATALOGUE.has(text)))
        .map((text) => `${relative(repoRoot, f)}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('UsageError is the CLI\'s: nothing outside src/cli names it but its definition (OptionError names the field)', () => {
    const users = library.filter((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /\bUsageError\b/.test(relative(src, f) === 'errors.ts' ? code.replace('export class UsageError extends OtaError', '') : code);
    });
    expect(users.map((f) => relative(repoRoot, f))).toEqual([]);
  });
});
