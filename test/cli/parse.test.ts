/**
 * Every command's flags, as a table: the words after `otactl`, and the typed options the command
 * receives (or the usage error it refuses them with). In process, through commander and the
 * definition's parse; nothing runs.
 */
import { describe, expect, it } from 'vitest';
import type { CommandEntry } from '../../src/cli/command-def.js';
import { command as cohort } from '../../src/cli/commands/cohort.js';
import { command as inspect } from '../../src/cli/commands/inspect.js';
import { command as builds } from '../../src/cli/commands/builds.js';
import { command as check } from '../../src/cli/commands/check.js';
import { command as promote } from '../../src/cli/commands/promote.js';
import { command as refresh } from '../../src/cli/commands/refresh.js';
import { command as rollback } from '../../src/cli/commands/rollback.js';
import { command as rollout } from '../../src/cli/commands/rollout.js';
import { command as rolloutTick } from '../../src/cli/commands/rollout-tick.js';
import { command as simulate } from '../../src/cli/commands/simulate.js';
import { command as upload } from '../../src/cli/commands/upload.js';
import { command as status } from '../../src/cli/commands/status.js';
import { command as history } from '../../src/cli/commands/history.js';
import { command as serve } from '../../src/cli/commands/serve.js';
import { command as cdnCookies } from '../../src/cli/commands/cdn-cookies.js';
import { command as repair } from '../../src/cli/commands/repair.js';
import { command as invalidate } from '../../src/cli/commands/invalidate.js';
import { command as gc } from '../../src/cli/commands/gc.js';
import { command as init } from '../../src/cli/commands/init.js';
import { command as keys } from '../../src/cli/commands/keys.js';
import { command as stats } from '../../src/cli/commands/stats.js';
import { parseLine } from '../helpers/parse-line.js';

type Row = [words: string[], expected: Record<string, unknown> | { code: string; match?: RegExp }];

const tables: Array<[CommandEntry, Row[]]> = [
  [
    inspect,
    [
      [['inspect', 'a.apk'], { file: 'a.apk', trustedKeyDigests: [], trustedKeys: [] }],
      [['inspect', 'fw.bin', '--kind', 'esp', '--trusted-key-digest', 'aa,bb', '--trusted-key-digest', 'cc'], { file: 'fw.bin', kind: 'esp', trustedKeyDigests: ['aa', 'bb', 'cc'], trustedKeys: [] }],
      [['inspect', 'fw.bin', '--trusted-key', 'a.pem', '--trusted-key', 'b.pem'], { file: 'fw.bin', trustedKeyDigests: [], trustedKeys: ['a.pem', 'b.pem'] }],
      [['inspect', 'x', '--kind', 'zip'], { code: 'E_KIND', match: /--kind "zip": unknown artifact kind/ }],
      [['inspect'], { code: 'E_USAGE', match: /missing required argument 'file'/ }],
    ],
  ],
  [
    cohort,
    [
      [['cohort', '--salt', '9f86d081884c7d65', '--device', 'A1'], { salt: '9f86d081884c7d65', device: 'A1', percent: null }],
      [['cohort', '--salt', '9f86d081884c7d65', '--device', ' a b ', '--percent', '12.5'], { salt: '9f86d081884c7d65', device: ' a b ', percent: 12.5 }],
      [['cohort', '--salt', 'has space', '--device', 'A1'], { code: 'E_USAGE', match: /--salt: salt is 1..64 printable/ }],
      [['cohort', '--salt', '9f86d081884c7d65', '--device', 'A1', '--percent', '100.001'], { code: 'E_USAGE', match: /--percent/ }],
      [['cohort', '--device', 'A1'], { code: 'E_USAGE', match: /--salt/ }],
    ],
  ],
  [
    promote,
    [
      [
        ['promote', 'b-1', '--app', 'a', '--channel', 'stable', '--rollout', '5'],
        { app: 'a', channel: 'stable', dryRun: false, build: 'b-1', percent: 5, mustInstall: false, canaryTags: [], canaryDeviceIds: [], models: [], chips: [], allowLowerVersion: false, allowSignerChange: false },
      ],
      [
        ['promote', 'b-1', '--app', 'a', '--channel', 'beta', '--rollout', '0.01', '--no-wifi-only', '--must-install', '--min-battery', '15', '--canary-tag', 'qa,lab', '--canary-tag', 'x', '--canary-device', 'D1', '--salt', 'abc', '--model', 'm1', '--chip', 'esp32', '--chip', 'esp32s3', '--min-current-version', '7', '--intermediate', 'b-2', '--allow-lower-version', '--allow-signer-change', '--dry-run', '--expires-in', '2d'],
        {
          app: 'a', channel: 'beta', dryRun: true, expiresIn: '2d', build: 'b-1', percent: 0.01, wifiOnly: false, mustInstall: true, minBattery: 15,
          canaryTags: ['qa', 'lab', 'x'], canaryDeviceIds: ['D1'], salt: 'abc', models: ['m1'], chips: ['esp32', 'esp32s3'], minCurrentVersion: 7, intermediate: 'b-2', allowLowerVersion: true, allowSignerChange: true,
        },
      ],
      [['promote', 'b-1', '--app', 'a', '--channel', 'stable', '--rollout', '5', '--wifi-only'], expect.objectContaining({ wifiOnly: true }) as never],
      [['promote', 'b-1', '--app', 'a', '--channel', 'stable', '--rollout', '101'], { code: 'E_USAGE', match: /--rollout/ }],
      [['promote', 'b-1', '--app', 'a', '--channel', 'stable'], { code: 'E_USAGE', match: /--rollout/ }],
      [['promote', 'b-1', '--app', 'a', '--channel', 'Stable', '--rollout', '5'], { code: 'E_USAGE', match: /--channel "Stable"/ }],
      [['promote', 'b-1', '--app', 'a', '--channel', 's', '--rollout', '5', '--intermediate', 'b-2'], { code: 'E_USAGE', match: /--intermediate needs --min-current-version/ }],
      [['promote', 'b-1', '--app', 'a', '--channel', 's', '--rollout', '5', '--min-battery', '101'], { code: 'E_USAGE', match: /--min-battery/ }],
      [['promote', 'b-1', '--app', 'a', '--channel', 's', '--rollout', '5', '--verify-edge', '--wait'], expect.objectContaining({ cdn: { wait: true, verifyEdge: true } }) as never],
    ],
  ],
  [
    rollout,
    [
      [['rollout', '25', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable', dryRun: false, percent: 25 }],
      [['rollout', '0', '--app', 'a', '--channel', 'stable', '--dry-run', '--expires-in', '36h'], { app: 'a', channel: 'stable', dryRun: true, expiresIn: '36h', percent: 0 }],
      [['rollout', '25.001', '--app', 'a', '--channel', 'stable'], { code: 'E_USAGE', match: /<pct>/ }],
      [['rollout', '--app', 'a', '--channel', 'stable'], { code: 'E_USAGE', match: /missing required argument 'pct'/ }],
      [
        ['rollout', '--plan', '1,5,10,25,50,100', '--every', '1h', '--max-failure-rate', '2.5', '--min-samples', '200', '--app', 'a', '--channel', 'stable'],
        { app: 'a', channel: 'stable', dryRun: false, percent: 1, plan: { steps: [1, 5, 10, 25, 50, 100], everySeconds: 3600, maxFailureRate: 2.5, minSamples: 200, onFailure: 'halt' } },
      ],
      [['rollout', '--plan', '0.5, 50', '--app', 'a', '--channel', 's'], { app: 'a', channel: 's', dryRun: false, percent: 0.5, plan: { steps: [0.5, 50], everySeconds: 3600, maxFailureRate: 2, minSamples: 200, onFailure: 'halt' } }],
      [['rollout', '--plan', '1,2', '--on-failure', 'rollback', '--app', 'a', '--channel', 's'], expect.objectContaining({ plan: expect.objectContaining({ onFailure: 'rollback' }) }) as never],
      [['rollout', '--plan', '1,2', '--on-failure', 'panic', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--on-failure "panic"/ }],
      [['rollout', '3', '--on-failure', 'rollback', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--on-failure needs --plan/ }],
      [['rollout', '5', '--plan', '5,10', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /either <pct> or --plan/ }],
      [['rollout', '--plan', '5,1', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--plan: steps must increase: 5 then 1/ }],
      [['rollout', '--plan', '5,101', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--plan/ }],
      [['rollout', '--plan', '5,10', '--every', '30s', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--every 30s is outside 1m\.\.366d/ }],
      [['rollout', '--plan', '5,10', '--max-failure-rate', 'x', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--max-failure-rate/ }],
      [['rollout', '--plan', '5,10', '--min-samples', '0', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--min-samples/ }],
      [['rollout', '5', '--every', '1h', '--app', 'a', '--channel', 's'], { code: 'E_USAGE', match: /--every needs --plan/ }],
    ],
  ],
  [
    invalidate,
    [
      [['invalidate', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable' }],
      [['invalidate', '--app', 'a', '--channel', 'stable', '--wait', '--verify-edge', '--distribution-id', 'E2QWRUHAPOMQZL'], { app: 'a', channel: 'stable', cdn: { wait: true, verifyEdge: true, distributionId: 'E2QWRUHAPOMQZL' } }],
      [['invalidate', '--app', 'a'], { code: 'E_USAGE', match: /--channel/ }],
      [['invalidate', '--app', 'a', '--channel', 'stable', '--distribution-id', ''], { code: 'E_USAGE', match: /--distribution-id/ }],
    ],
  ],
  [
    rolloutTick,
    [
      [['rollout-tick', '--app', 'a', '--channel', 'stable', '--logs', 'l'], { app: 'a', channel: 'stable', dryRun: false, logs: 'l' }],
      [['rollout-tick', '--app', 'a', '--channel', 'stable'], { code: 'E_USAGE', match: /--logs/ }],
      [['rollout-tick', '--app', 'a', '--channel', 'stable', '--logs', 'l', '--verify-edge'], { app: 'a', channel: 'stable', dryRun: false, logs: 'l', cdn: { verifyEdge: true } }],
    ],
  ],
  [
    rollback,
    [
      [['rollback', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable', dryRun: false, forceDowngrade: false }],
      [['rollback', '--app', 'a', '--channel', 'stable', '--to', 'b-9', '--force-downgrade'], { app: 'a', channel: 'stable', dryRun: false, to: 'b-9', forceDowngrade: true }],
      [['rollback', '--app', 'a', '--channel', 'stable', '--to', 'b-9', '--allow-signer-change'], { app: 'a', channel: 'stable', dryRun: false, to: 'b-9', forceDowngrade: false, allowSignerChange: true }],
      [['rollback', '--app', 'a b', '--channel', 'stable'], { code: 'E_USAGE', match: /--app "a b"/ }],
      [['rollback', '--app', 'a', '--channel', 'stable', '--wait', '--distribution-id', 'E1'], { app: 'a', channel: 'stable', dryRun: false, forceDowngrade: false, cdn: { wait: true, distributionId: 'E1' } }],
    ],
  ],
  [
    refresh,
    [
      [['refresh', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable', dryRun: false }],
      [['refresh', '--app', 'a'], { code: 'E_USAGE', match: /--channel/ }],
      [['refresh', '--app', 'a', '--channel', 'stable', '--distribution-id', 'E2QWRUHAPOMQZL', '--wait', '--verify-edge'], { app: 'a', channel: 'stable', dryRun: false, cdn: { wait: true, verifyEdge: true, distributionId: 'E2QWRUHAPOMQZL' } }],
      [['refresh', '--app', 'a', '--channel', 'stable', '--distribution-id', 'e2qw/x'], { code: 'E_USAGE', match: /--distribution-id "e2qw\/x" is not a CloudFront distribution id/ }],
    ],
  ],
  [
    builds,
    [
      [['builds', '--app', 'com.example.agent'], { app: 'com.example.agent' }],
      [['builds'], { code: 'E_USAGE', match: /--app/ }],
    ],
  ],
  [
    simulate,
    [
      [['simulate', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable', tags: [] }],
      [
        ['simulate', '--app', 'a', '--channel', 'stable', '--devices', '500', '--current-version-code', '3', '--id-prefix', 'dev-', '--tags', 'qa', '--model', 'm', '--chip', 'esp32'],
        { app: 'a', channel: 'stable', devices: 500, currentVersionCode: 3, idPrefix: 'dev-', tags: ['qa'], model: 'm', chip: 'esp32' },
      ],
      [['simulate', '--app', 'a', '--channel', 'stable', '--devices', '0'], { code: 'E_USAGE', match: /--devices/ }],
    ],
  ],
  [
    check,
    [
      [
        ['check', '--app', 'a', '--channel', 'stable', '--device', 'D1', '--current-version-code', '41'],
        { app: 'a', channel: 'stable', device: 'D1', currentVersionCode: 41, tags: [], keys: [] },
      ],
      [
        ['check', '--app', 'a', '--channel', 'stable', '--device', 'D1', '--current-version-code', '41', '--no-wifi', '--battery', '20', '--charging', '--in-call', '--free-disk', '1000', '--last-sequence', '9', '--manifest', 'm.json', '--key', 'k.pem', '--now', '2030-01-01T00:00:00Z', '--tags', 'qa', '--model', 'm', '--chip', 'esp32'],
        {
          app: 'a', channel: 'stable', device: 'D1', currentVersionCode: 41, tags: ['qa'], model: 'm', chip: 'esp32', wifi: false, battery: 20, charging: true, inCall: true,
          freeDisk: 1000, lastSequence: 9, manifest: 'm.json', keys: ['k.pem'], now: new Date('2030-01-01T00:00:00Z'),
        },
      ],
      [['check', '--app', 'a', '--channel', 'stable', '--device', 'D1', '--current-version-code', '41', '--wifi'], expect.objectContaining({ wifi: true }) as never],
      [['check', '--app', 'a', '--channel', 'stable', '--device', 'D1', '--current-version-code', '4x1'], { code: 'E_USAGE', match: /--current-version-code/ }],
      [['check', '--app', 'a', '--channel', 'stable', '--device', 'D1', '--current-version-code', '1', '--now', 'yesterday'], { code: 'E_USAGE', match: /--now/ }],
    ],
  ],
  [
    upload,
    [
      [
        ['upload', 'app.apk'],
        { file: 'app.apk', notes: '', expectSigners: [], allowLowerVersion: false, allowLowerSecureVersion: false, allowSignerChange: false, trustedKeyDigests: [], trustedKeys: [] },
      ],
      [
        ['upload', 'fw.bin', '--app', 'sensor', '--kind', 'esp', '--version-code', '1002003', '--version-name', '1.2.3', '--notes', 'fix', '--partition-size', '1572864', '--channel', 'beta',
          '--trusted-key-digest', 'ab,cd', '--trusted-key', 'k.pem', '--expect-signer', 'ee', '--allow-lower-version', '--allow-lower-secure-version', '--allow-signer-change'],
        {
          file: 'fw.bin', app: 'sensor', kind: 'esp', versionCode: 1002003, versionName: '1.2.3', notes: 'fix', partitionSize: 1572864, channel: 'beta', trustedKeyDigests: ['ab', 'cd'],
          trustedKeys: ['k.pem'], expectSigners: ['ee'], allowLowerVersion: true, allowLowerSecureVersion: true, allowSignerChange: true,
        },
      ],
      [['upload', 'x.bin', '--kind', 'zip'], { code: 'E_KIND', match: /--kind "zip"/ }],
      [['upload', 'x.bin', '--version-code', '-1'], { code: 'E_USAGE', match: /--version-code/ }],
      [['upload', 'x.bin', '--partition-size', '0'], { code: 'E_USAGE', match: /--partition-size/ }],
      [['upload'], { code: 'E_USAGE', match: /missing required argument 'file'/ }],
    ],
  ],
  [
    status,
    [
      [['status'], { verifyHistory: false }],
      [['status', '--app', 'a', '--channel', 'beta'], { app: 'a', channel: 'beta', verifyHistory: false }],
      [['status', '--verify-history'], { verifyHistory: true }],
      [['status', '--channel', 'Beta'], { code: 'E_USAGE', match: /--channel "Beta"/ }],
    ],
  ],
  [
    history,
    [
      [['history', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable' }],
      [['history', '--app', 'a', '--channel', 'stable', '--limit', '5'], { app: 'a', channel: 'stable', limit: 5 }],
      [['history', '--app', 'a', '--channel', 'stable', '--limit', '0'], { code: 'E_USAGE', match: /--limit/ }],
    ],
  ],
  [
    serve,
    [
      [['serve'], { port: 8787, host: '127.0.0.1' }],
      [['serve', '--port', '0', '--host', '0.0.0.0', '--access-log', 'a.log', '--pointer-max-age', '5'], { port: 0, host: '0.0.0.0', accessLog: 'a.log', pointerMaxAge: 5 }],
      [['serve', '--port', '70000'], { code: 'E_USAGE', match: /--port/ }],
      [['serve', '--cloudfront-public-key', 'cf.pem', '--cloudfront-key-pair-id', 'k2-lower'], { code: 'E_USAGE', match: /--cloudfront-key-pair-id "k2-lower" is not a CloudFront public key id/ }],
      [
        ['serve', '--cloudfront-public-key', 'cf.pem', '--cloudfront-key-pair-id', 'K2JCJMDEHXQW5F'],
        { port: 8787, host: '127.0.0.1', cloudFrontPublicKey: 'cf.pem', cloudFrontKeyPairId: 'K2JCJMDEHXQW5F' },
      ],
    ],
  ],
  [
    cdnCookies,
    [
      [['cdn-cookies', '--app', 'demo', '--build', 'b-1'], { app: 'demo', build: 'b-1', expiresInSeconds: 86400 }],
      [['cdn-cookies', '--app', 'demo', '--build', 'b-1', '--expires-in', '12h'], { app: 'demo', build: 'b-1', expiresInSeconds: 43200 }],
      [['cdn-cookies', '--app', 'demo', '--build', 'b-1', '--expires-in', '400d'], { code: 'E_USAGE', match: /outside 1s\.\.366d/ }],
      [['cdn-cookies', '--app', 'demo', '--build', 'b-1', '--expires-in', 'soon'], { code: 'E_USAGE', match: /--expires-in "soon" is not a duration/ }],
      [['cdn-cookies', '--expires-in', '12h'], { code: 'E_USAGE', match: /--app/ }],
      [['cdn-cookies', '--app', 'demo'], { code: 'E_USAGE', match: /--build/ }],
    ],
  ],
  [
    repair,
    [
      [['repair', '--app', 'a', '--channel', 'stable'], { app: 'a', channel: 'stable', dryRun: false }],
      [['repair', '--app', 'a', '--channel', 'stable', '--dry-run', '--expires-in', '2d'], { app: 'a', channel: 'stable', dryRun: true, expiresIn: '2d' }],
      [['repair', '--app', 'a'], { app: 'a', dryRun: false }],
      [['repair', '--app', 'a', '--channel', 'Stable'], { code: 'E_USAGE', match: /--channel "Stable"/ }],
      [['repair', '--app', 'a', '--channel', 'stable', '--verify-edge'], { app: 'a', channel: 'stable', dryRun: false, cdn: { verifyEdge: true } }],
    ],
  ],
  [
    gc,
    [
      [['gc'], { olderThan: '1h' }],
      [['gc', '--older-than', '2d'], { olderThan: '2d' }],
    ],
  ],
  [
    init,
    [
      [['init'], { storeCheck: true }],
      [['init', '--key-dir', 'ci-keys'], { storeCheck: true, keyDir: 'ci-keys' }],
      [['init', '--skip-store-check'], { storeCheck: false }],
    ],
  ],
  [
    keys,
    [
      [['keys', 'generate'], { activate: false }],
      [['keys', 'generate', '--activate', '--key-dir', 'k'], { activate: true, keyDir: 'k' }],
      [['keys', 'list'], {}],
      [['keys', 'list', '--bogus'], { code: 'E_USAGE', match: /unknown option '--bogus'/ }],
    ],
  ],
  [
    stats,
    [
      [['stats', '--logs', 'logs'], { logs: 'logs', by: 'day', format: 'table' }],
      [
        ['stats', '--logs', 'a.log', '--since', '24h', '--by', 'hour', '--format', 'prometheus', '--app', 'a', '--channel', 'beta'],
        { logs: 'a.log', since: { ago: 86400 }, by: 'hour', format: 'prometheus', app: 'a', channel: 'beta' },
      ],
      [['stats', '--logs', 'l', '--since', '2026-11-01T00:00:00Z'], { logs: 'l', since: { at: Date.parse('2026-11-01T00:00:00Z') }, by: 'day', format: 'table' }],
      [['stats', '--logs', 'l', '--since', 'yesterday'], { code: 'E_USAGE', match: /--since "yesterday"/ }],
      [['stats', '--logs', 'l', '--by', 'fortnight'], { code: 'E_USAGE', match: /--by "fortnight"/ }],
      [['stats', '--logs', 'l', '--format', 'csv'], { code: 'E_USAGE', match: /--format "csv"/ }],
      [['stats', '--logs', 's3://bucket/logs'], { logs: 's3://bucket/logs', by: 'day', format: 'table' }],
      [['stats', '--logs', 's3://bucket/cf/', '--athena-sql', '--by', 'hour'], { logs: 's3://bucket/cf/', by: 'hour', format: 'table', athenaSql: true }],
      [['stats', '--logs', './logs', '--athena-sql'], { code: 'E_USAGE', match: /--athena-sql needs --logs s3:/ }],
      [['stats'], { code: 'E_USAGE', match: /--logs/ }],
    ],
  ],
];

for (const [entry, rows] of tables) {
  describe(`otactl ${entry.name}: flags to options`, () => {
    for (const [words, expected] of rows) {
      it(words.join(' '), async () => {
        const r = await parseLine(entry, words);
        if ('code' in expected && typeof expected.code === 'string') {
          expect(r).toMatchObject({ code: expected.code });
          if (expected.match) expect((r as { error: string }).error).toMatch(expected.match as RegExp);
        } else {
          expect('opts' in r ? r.opts : r).toEqual(expected);
        }
      });
    }
  });
}

describe('global --cdn-base-url', () => {
  it('is a program option every command sees', async () => {
    const r = await parseLine(refresh, ['--cdn-base-url', 'https://cdn.example.com/ota', 'refresh', '--app', 'a', '--channel', 'stable']);
    expect('globals' in r && r.globals.cdnBaseUrl).toBe('https://cdn.example.com/ota');
  });
});
