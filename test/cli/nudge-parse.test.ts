/** otactl nudge's flags as a table, in process (test/helpers/parse-line.ts). */
import { describe, expect, it } from 'vitest';
import { command as nudge } from '../../src/cli/commands/nudge.js';
import { parseLine } from '../helpers/parse-line.js';

const base = ['nudge', '--app', 'demo', '--channel', 'stable'];
const defaults = { app: 'demo', channel: 'stable', eligibleOnly: false, dryRun: false, concurrency: 32, validateOnly: false, allowUnpublished: false };

type Refusal = { code: string; match: RegExp };
const rows: Array<[string[], Record<string, unknown> | Refusal]> = [
  [[...base, '--all', '--via', 'fcm'], { ...defaults, selection: { kind: 'all' }, via: 'fcm' }],
  [[...base, '--device', 'a', '--device', 'b,c', '--via', 'mqtt', '--mqtt-url', 'mqtt://h:1883', '--dry-run'], { ...defaults, selection: { kind: 'devices', ids: ['a', 'b', 'c'] }, via: 'mqtt', mqttUrl: 'mqtt://h:1883', dryRun: true }],
  [
    [...base, '--devices-file', 'f.csv', '--via', 'webhook', '--webhook-url', 'https://x/h', '--eligible-only', '--concurrency', '5', '--hmac-key-file', 'k'],
    { ...defaults, selection: { kind: 'file', path: 'f.csv' }, via: 'webhook', webhookUrl: 'https://x/h', eligibleOnly: true, concurrency: 5, hmacKeyFile: 'k' },
  ],
  [[...base, '--all', '--via', 'fcm', '--fcm-credentials', 'sa.json'], { ...defaults, selection: { kind: 'all' }, via: 'fcm', fcmCredentials: 'sa.json' }],
  [[...base, '--all', '--via', 'fcm', '--validate-only'], { ...defaults, selection: { kind: 'all' }, via: 'fcm', validateOnly: true }],
  [[...base, '--all', '--via', 'mqtt', '--validate-only'], { code: 'E_USAGE', match: /--validate-only is an FCM dry run/ }],
  [[...base, '--all', '--via', 'fcm', '--validate-only', '--dry-run'], { code: 'E_USAGE', match: /choose one of --dry-run .* and --validate-only/ }],
  [[...base, '--all', '--via', 'mqtt', '--connect-timeout', '5s'], { ...defaults, selection: { kind: 'all' }, via: 'mqtt', connectTimeoutMs: 5000 }],
  [[...base, '--all', '--via', 'mqtt', '--connect-timeout', '250ms'], { ...defaults, selection: { kind: 'all' }, via: 'mqtt', connectTimeoutMs: 250 }],
  [[...base, '--all', '--via', 'mqtt', '--connect-timeout', '5'], { code: 'E_USAGE', match: /--connect-timeout "5": use a duration from 100ms to 2m/ }],
  [[...base, '--all', '--via', 'mqtt', '--connect-timeout', '3m'], { code: 'E_USAGE', match: /--connect-timeout "3m"/ }],
  [[...base, '--all', '--via', 'fcm', '--connect-timeout', '5s'], { code: 'E_USAGE', match: /--connect-timeout applies to --via mqtt only/ }],
  [[...base, '--all', '--via', 'webhook', '--webhook-timeout', '2s', '--allow-unpublished'], { ...defaults, selection: { kind: 'all' }, via: 'webhook', webhookTimeoutMs: 2000, allowUnpublished: true }],
  [[...base, '--all', '--via', 'webhook', '--webhook-timeout', '50ms'], { code: 'E_USAGE', match: /--webhook-timeout "50ms": use a duration from 100ms to 2m/ }],
  [[...base, '--all', '--via', 'fcm', '--webhook-timeout', '5s'], { code: 'E_USAGE', match: /--webhook-timeout applies to --via webhook only/ }],
  [[...base, '--all', '--via', 'sms'], { code: 'E_USAGE', match: /--via "sms": use fcm, mqtt or webhook/ }],
  [[...base, '--via', 'fcm'], { code: 'E_USAGE', match: /exactly one of --device, --devices-file or --all/ }],
  [[...base, '--all', '--device', 'a', '--via', 'fcm'], { code: 'E_USAGE', match: /exactly one of/ }],
  [[...base, '--all', '--via', 'fcm', '--concurrency', '0'], { code: 'E_USAGE', match: /--concurrency must be between 1 and 1000/ }],
  [['nudge', '--app', 'demo', '--channel', 'Stable', '--all', '--via', 'fcm'], { code: 'E_USAGE', match: /--channel "Stable"/ }],
  [['nudge', '--channel', 'stable', '--all', '--via', 'fcm'], { code: 'E_USAGE', match: /--app/ }],
];

describe('otactl nudge: flags to options', () => {
  for (const [words, expected] of rows) {
    it(words.join(' '), async () => {
      const r = await parseLine(nudge, words);
      if ('match' in expected) {
        expect(r).toMatchObject({ code: expected.code });
        expect((r as { error: string }).error).toMatch((expected as Refusal).match);
      } else {
        expect('opts' in r ? r.opts : r).toEqual(expected);
      }
    });
  }
});
