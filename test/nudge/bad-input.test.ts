/** Bad input to otactl nudge: one readable line, a documented exit code, nothing sent. */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDevicesFile } from '../../src/nudge/devices-file.js';
import type { NudgeTransport } from '../../src/nudge/transport.js';
import { nudge, type NudgeRequest } from '../../src/nudge/workflow.js';
import { cliWorkspace } from '../helpers/run-cli.js';

describe('devices file', () => {
  it('ids and tokens, comments and blank lines, CRLF', async () => {
    expect(parseDevicesFile('# fleet\r\nA1,tok-1\r\n\r\nb 2,tok:2\n', 'f', true)).toEqual([
      { deviceId: 'A1', token: 'tok-1' },
      { deviceId: 'b 2', token: 'tok:2' }, // used exactly as the device reports it, inner space and all
    ]);
    expect(parseDevicesFile('esp-1\nesp-2\n', 'f', false)).toEqual([{ deviceId: 'esp-1' }, { deviceId: 'esp-2' }]);
  });

  it('an optional third column: the version code the device runs (the token may be empty)', async () => {
    expect(parseDevicesFile('esp-1,,2000100\nesp-2\nA1,tok-1,0\n', 'f', false)).toEqual([
      { deviceId: 'esp-1', currentVersionCode: 2000100 },
      { deviceId: 'esp-2' },
      { deviceId: 'A1', token: 'tok-1', currentVersionCode: 0 },
    ]);
  });

  it.each([
    ['a,t1\nb,t2,100,extra\n', true, /^f:2: expected device_id\[,token\[,current_version_code\]\], found 4 fields$/],
    ['a,t1,100\nb,t2,1.5\n', true, /^f:2: current_version_code "1.5" is not a whole number$/],
    ['a,,\n', false, /^f:1: current_version_code "" is not a whole number$/],
    ['a,,7\n', true, /^f:1: no FCM token for a/],
    ['a\n,tok\n', false, /^f:2: empty device id$/],
    ['a,t\n\nb\n', true, /^f:3: no FCM token for b/],
    ['a\nb\na\n', false, /^f:3: device a is already listed on line 1$/],
    ['a,tok en\n', false, /^f:1: the token is empty or has characters/],
    ['*\n', false, /^f:1: "\*" is not a device id/],
    [`${'ü'.repeat(129)}\n`, false, /^f:1: device id longer than 256 bytes of UTF-8$/],
    ['a\u0007b\n', false, /^f:1: device id contains a control character$/],
    // Blank ids and whitespace at either end are refused, never trimmed (issue 18 item 9).
    ['esp-1\n    \n', false, /^f:2: blank device id "    " \(only whitespace\)$/],
    ['esp-1,,7\n\u00a0\u3000,,8\n', false, /^f:2: blank device id/],
    ['# ids\nesp-1\nesp-2 ,tok-2\n', false, /^f:3: device id "esp-2 " has whitespace at its start or end; ids are used exactly as written, never trimmed$/],
    ['\u2003esp-9\n', false, /^f:1: device id "\u2003esp-9" has whitespace at its start or end/],
    ['\ufeffesp-1\nesp-2\n', false, /^f:1: the file starts with a byte-order mark/],
  ])('%j is refused with its line number', (text, needTokens, message) => {
    expect(() => parseDevicesFile(text, 'f', needTokens)).toThrow(message);
  });
});

describe('otactl nudge: bad input (process)', () => {
  const ws = cliWorkspace();
  ws.file('nudge.key', randomBytes(32));
  const base = ['nudge', '--app', 'demo', '--channel', 'stable', '--via', 'mqtt', '--mqtt-url', 'mqtt://127.0.0.1:1'];
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

  function expectOneLine(r: { code: number | null; stderr: string; stdout: string }, code: number, errorCode: string, match: RegExp) {
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(match);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: errorCode, exit_code: code });
  }

  it('a missing key file', async () => {
    const r = await ws.run([...base, '--device', 'a', '--hmac-key-file', 'nope.key', '--json']);
    expectOneLine(r, 2, 'E_NUDGE_KEY', /^otactl: error: cannot read the HMAC key file .*nope\.key: ENOENT$/m);
  });

  it('an empty devices file', async () => {
    ws.file('empty.csv', '# nobody yet\n\n');
    const r = await ws.run([...base, '--devices-file', 'empty.csv', '--hmac-key-file', 'nudge.key', '--json']);
    expectOneLine(r, 2, 'E_NUDGE_NO_DEVICES', /empty\.csv lists no devices/);
  });

  it('a malformed devices file names the line', async () => {
    ws.file('bad.csv', 'esp-1\nesp-2,tok,7,x\n');
    const r = await ws.run([...base, '--devices-file', 'bad.csv', '--hmac-key-file', 'nudge.key', '--json']);
    expectOneLine(r, 2, 'E_NUDGE_DEVICES_FILE', /bad\.csv:2: expected device_id\[,token\[,current_version_code\]\]/);
  });

  it('a --device id the devices would refuse (contract 3): 257 bytes of UTF-8, a control character', async () => {
    for (const id of ['ü'.repeat(128) + 'a', 'esp\u00071']) {
      const r = await ws.run([...base, '--device', id, '--hmac-key-file', 'nudge.key', '--dry-run', '--json']);
      expectOneLine(r, 2, 'E_NUDGE_DEVICE_ID', /^otactl: error: device id .*: a device id is 1\.\.256 bytes of well-formed UTF-8/m);
    }
    // 256 bytes is a device id.
    const ok = await ws.run([...base, '--device', 'ü'.repeat(128), '--hmac-key-file', 'nudge.key', '--dry-run', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a devices file with a blank id: exit 2 naming the line, nothing sent (issue 18 item 9)', async () => {
    ws.file('blank.csv', 'esp-1\nesp-2\n   \nesp-3\n');
    const r = await ws.run([...base, '--devices-file', 'blank.csv', '--hmac-key-file', 'nudge.key', '--allow-unpublished', '--json']);
    expectOneLine(r, 2, 'E_NUDGE_DEVICES_FILE', /blank\.csv:3: blank device id "   " \(only whitespace\)$/m);
  });

  it('--device "*" is refused like the devices file refuses it: a nudge signed for "*" is valid on every device of the channel', async () => {
    const r = await ws.run([...base, '--device', 'esp-1', '--device', '*', '--hmac-key-file', 'nudge.key', '--dry-run', '--json']);
    expectOneLine(r, 2, 'E_NUDGE_DEVICE_ID', /^otactl: error: "\*" is not a device id/m);
  });

  it('no devices selected', async () => {
    const r = await ws.run([...base, '--hmac-key-file', 'nudge.key', '--json']);
    expectOneLine(r, 2, 'E_USAGE', /choose the devices with exactly one of --device, --devices-file or --all/);
  });
});

describe('nudge() as a library holds the same rules', () => {
  const deps = { transport: { via: 'mqtt' } as NudgeTransport, key: randomBytes(32), now: () => new Date(), random: randomBytes };
  const req = (over: Partial<NudgeRequest>): NudgeRequest => ({ app: 'demo', channel: 'stable', selection: { kind: 'devices', devices: [{ deviceId: 'esp-1' }] }, eligibleOnly: false, dryRun: true, concurrency: 1, ...over });

  it('signs nothing for a listed device "*", or an app or channel that is no name (a topic level, a tag)', async () => {
    await expect(nudge(deps, req({ selection: { kind: 'devices', devices: [{ deviceId: '*' }] } }))).rejects.toMatchObject({ code: 'E_NUDGE_DEVICE_ID', exitCode: 2 });
    await expect(nudge(deps, req({ app: 'other/stable' }))).rejects.toMatchObject({ code: 'E_INVALID', exitCode: 2 });
    await expect(nudge(deps, req({ channel: 'beta/#' }))).rejects.toMatchObject({ code: 'E_INVALID', exitCode: 2 });
    expect((await nudge(deps, req({}))).messages).toHaveLength(1);
  });
});

describe('import graph', () => {
  it('src/nudge imports nothing from src/cli', async () => {
    const dir = join(import.meta.dirname, '../../src/nudge');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect([...text.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]).filter((p) => p!.includes('/cli/')), f).toEqual([]);
    }
  });
});
