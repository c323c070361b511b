/**
 * The one field -> flag table (src/cli/flag-names.ts): every field the library names has a flag
 * the CLI really has, and library text renders as the CLI printed it before the library stopped
 * naming flags. The CLI's --json error object carries `flag` next to `field`.
 */
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isGroup } from '../../src/cli/command-def.js';
import { loadCommands } from '../../src/cli/commands/index.js';
import { GLOBAL_OPTIONS } from '../../src/cli/options.js';
import { cliText, FLAG_OF_FIELD, SETTING_PLACES } from '../../src/cli/flag-names.js';
import { IO } from '../../src/cli/io.js';
import { ERRORS, OptionError, ValidationError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';
import { literals, sourceFiles } from '../helpers/source-scan.js';

const src = join(repoRoot, 'src');
const library = sourceFiles(src).filter((f) => !relative(src, f).startsWith('cli/'));
const libraryText = library.flatMap((f) => literals(f).map((text) => ({ file: relative(repoRoot, f), text })));

/** Every option the CLI has: the global ones and each command's. */
async function allSpecs() {
  const entries = await loadCommands(['node', 'otactl', '--help']);
  const defs = entries.flatMap((e) => (isGroup(e) ? e.subcommands : [e]));
  return [...GLOBAL_OPTIONS, ...defs.flatMap((d) => d.options)];
}

describe('the field -> flag table', () => {
  it('every backticked field and every key=value of a backticked otactl line in library text has a flag', () => {
    const unmapped: string[] = [];
    for (const { file, text } of libraryText) {
      for (const [, token] of text.matchAll(/`(otactl [^`]+|[A-Za-z][A-Za-z0-9]*)`/g)) {
        const fields = token!.startsWith('otactl ') ? [...token!.matchAll(/ ([A-Za-z]+)=/g)].map((m) => m[1]!) : token === 'VALUE' ? [] : [token!];
        for (const field of fields) if (FLAG_OF_FIELD[field] === undefined) unmapped.push(`${file}: ${field}`);
      }
    }
    expect(unmapped).toEqual([]);
    // The scan sees the convention (were it blind, the check above would pass on nothing).
    expect(libraryText.filter(({ text }) => /`[a-z][A-Za-z]*`/.test(text)).length).toBeGreaterThan(30);
  });

  it('every flag in the table is one the CLI has (a global option or one of a command)', async () => {
    const specs = await allSpecs();
    const cliFlags = new Set(specs.flatMap((o) => o.flags.match(/--[a-z][a-z0-9-]*/g) ?? []));
    expect(cliFlags.has('--eligible-only')).toBe(true);
    expect(Object.values(FLAG_OF_FIELD).filter((flag) => !cliFlags.has(flag))).toEqual([]);
    expect(Object.keys(SETTING_PLACES).filter((field) => FLAG_OF_FIELD[field] === undefined)).toEqual([]);
  });

  it('catalogue hints are CLI text (flag-names.ts says why): every flag they name is a CLI option; none uses the field form', async () => {
    const cliFlags = new Set(['--help', ...(await allSpecs()).flatMap((o) => o.flags.match(/--[a-z][a-z0-9-]*/g) ?? [])]);
    const hints = Object.values(ERRORS).map((e) => e.hint);
    const named = hints.flatMap((h) => h.match(/--[a-z][a-z0-9-]*/g) ?? []);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((flag) => !cliFlags.has(flag))).toEqual([]);
    expect(hints.filter((h) => /`/.test(h))).toEqual([]);
  });

  it('each field renders as its flag, or as every place a missing setting can come from', () => {
    for (const [field, flag] of Object.entries(FLAG_OF_FIELD)) expect(cliText(`\`${field}\``)).toBe(SETTING_PLACES[field] ?? flag);
  });

  // Library text as the library writes it now -> the CLI's text, as the CLI printed it before.
  it.each([
    ['`intermediate` needs `minCurrentVersion`', '--intermediate needs --min-current-version'],
    ['`plan`: steps must increase: 5 then 1', '--plan: steps must increase: 5 then 1'],
    ['`everySeconds` 30s is outside 1m..366d', '--every 30s is outside 1m..366d'],
    ['`maxFailureRate`: 101 is outside 0..100', '--max-failure-rate: 101 is outside 0..100'],
    ['`minSamples` must be a whole number of at least 1, got 0', '--min-samples must be a whole number of at least 1, got 0'],
    ['`onFailure` "panic" is not halt or rollback', '--on-failure "panic" is not halt or rollback'],
    ['`app` is required for this artifact (it does not name its application)', '--app is required for this artifact (it does not name its application)'],
    ['`expectSigners` "x": expected a certificate SHA-256', '--expect-signer "x": expected a certificate SHA-256'],
    ['the stored record is kept and `versionCode` 7, `versionName` 1.0, `notes` not applied', 'the stored record is kept and --version-code 7, --version-name 1.0, --notes not applied'],
    ['a file artifact carries no version: pass `versionCode` N (and `versionName`)', 'a file artifact carries no version: pass --version-code N (and --version-name)'],
    ['current on stable; pass `allowLowerVersion` to upload it anyway', 'current on stable; pass --allow-lower-version to upload it anyway'],
    ['would refuse it; pass `allowLowerSecureVersion` to upload it anyway', 'would refuse it; pass --allow-lower-secure-version to upload it anyway'],
    ['pass `allowSignerChange` if this is intended; nothing was published', 'pass --allow-signer-change if this is intended; nothing was published'],
    ['no earlier build reached 100%); name one with `to` BUILD', 'no earlier build reached 100%); name one with --to BUILD'],
    ['`forceDowngrade` needs the same signing key', '--force-downgrade needs the same signing key'],
    ['upload it under another `app`', 'upload it under another --app'],
    ['`kind` "zip": unknown artifact kind (known: apk, esp, file)', '--kind "zip": unknown artifact kind (known: apk, esp, file)'],
    ['pass `kind` file to treat it as a plain file', 'pass --kind file to treat it as a plain file'],
    ['(`otactl repair app=demo channel=stable` republishes the last verified state)', '(otactl repair --app demo --channel stable republishes the last verified state)'],
    ['`otactl repair app=com.x` rebuilds it', 'otactl repair --app com.x rebuilds it'],
    ['no build "b-9" of demo (`otactl builds app=demo` lists them)', 'no build "b-9" of demo (otactl builds --app demo lists them)'],
    ['re-run: `otactl invalidate app=a channel=b wait=true verifyEdge=true`', 're-run: otactl invalidate --app a --channel b --wait --verify-edge'],
    ['`verifyEdge` needs the CDN base URL devices fetch from: `cdnBaseUrl`', '--verify-edge needs the CDN base URL devices fetch from: --cdn-base-url, OTACTL_CDN_BASE_URL or public_url in the config'],
    ['configure a CloudFront distribution (`distributionId`) or pass `verifyEdge`', 'configure a CloudFront distribution (--distribution-id) or pass --verify-edge'],
    ['`eligibleOnly` needs a list of devices (`devices` or `devicesFile`), not `all`', '--eligible-only needs a list of devices (--device or --devices-file), not --all'],
    ['(a typo in `app` or `channel`?); nothing was sent. Give `allowUnpublished`', '(a typo in --app or --channel?); nothing was sent. Give --allow-unpublished'],
    ['set `webhookUrl` to the final address', 'set --webhook-url to the final address'],
    ['`logs` "x" is not s3://BUCKET or s3://BUCKET/PREFIX', '--logs "x" is not s3://BUCKET or s3://BUCKET/PREFIX'],
    ['pick another `port`, or 0 for a free one', 'pick another --port, or 0 for a free one'],
    ['(check `host`)', '(check --host)'],
    ['AWS_PROFILE / `profile`', 'AWS_PROFILE / --profile'],
  ])('%s', (library, cli) => {
    expect(library).not.toMatch(/--[a-z]/);
    expect(cliText(library)).toBe(cli);
  });

  it('a setting is named by where it came from; unknown tokens and the CLI\'s own quoted commands are left alone', () => {
    expect(cliText('`verifyEdge` needs `cdnBaseUrl`', { cdnBaseUrl: 'OTACTL_CDN_BASE_URL' })).toBe('--verify-edge needs OTACTL_CDN_BASE_URL');
    expect(cliText('`cdnBaseUrl` is not http(s)', { cdnBaseUrl: 'otactl.config.json: public_url' })).toBe('otactl.config.json: public_url is not http(s)');
    expect(cliText('a `notAField` and `otactl rollout-tick`')).toBe('a `notAField` and `otactl rollout-tick`');
    expect(cliText('`otactl repair app=a bogus=1`')).toBe('`otactl repair app=a bogus=1`');
  });
});

class Sink extends Writable {
  text = '';
  override _write(chunk: unknown, _enc: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

describe('the CLI output boundary', () => {
  it('an error: its line names the flag; the --json error object has flag right after field, code unchanged', () => {
    const stdout = new Sink();
    const stderr = new Sink();
    new IO({ json: true, stdout, stderr, env: {} }).error(new OptionError('intermediate', '`intermediate` needs `minCurrentVersion`'));
    expect(stderr.text).toBe('otactl: error: --intermediate needs --min-current-version\n');
    const error = JSON.parse(stdout.text).error;
    expect(error).toMatchObject({ code: 'E_USAGE', exit_code: 2, message: '--intermediate needs --min-current-version', field: 'intermediate', flag: '--intermediate' });
    expect(Object.keys(error)).toEqual(['code', 'message', 'exit_code', 'hint', 'field', 'flag']);
  });

  it('a setting that came from the environment is named so (sources from settings resolution)', () => {
    const stdout = new Sink();
    const stderr = new Sink();
    const io = new IO({ json: true, stdout, stderr, env: {} });
    io.sources = { cdnBaseUrl: 'OTACTL_CDN_BASE_URL' };
    io.error(new ValidationError('`cdnBaseUrl` "ftp://x" is not http(s)', 'E_CDN_URL', { field: 'cdnBaseUrl' }));
    expect(stderr.text).toBe('otactl: error: OTACTL_CDN_BASE_URL "ftp://x" is not http(s)\n');
    // `flag` is the flag that sets the field, wherever the value came from this time.
    expect(JSON.parse(stdout.text).error).toMatchObject({ message: 'OTACTL_CDN_BASE_URL "ftp://x" is not http(s)', field: 'cdnBaseUrl', flag: '--cdn-base-url' });
  });

  it('warnings on stderr and messages in --json results read in flags; other result strings are data, untouched', () => {
    const stdout = new Sink();
    const stderr = new Sink();
    const io = new IO({ json: true, stdout, stderr, env: {} });
    io.warn('pass `forceDowngrade` to move them back too');
    io.result({ at: new Date('2026-12-01T00:00:00Z'), notes: 'keep `app` as typed', warnings: ['pass `forceDowngrade`'], skipped: [{ message: '(`otactl repair app=a channel=b`)' }], failures: [{ error: 'set `webhookUrl`' }] }, () => '');
    expect(stderr.text).toBe('warning: pass --force-downgrade to move them back too\n');
    expect(JSON.parse(stdout.text)).toEqual({
      at: '2026-12-01T00:00:00.000Z',
      notes: 'keep `app` as typed',
      warnings: ['pass --force-downgrade'],
      skipped: [{ message: '(otactl repair --app a --channel b)' }],
      failures: [{ error: 'set --webhook-url' }],
    });
  });
});

describe('library refusals through the CLI, in process', () => {
  const ws = seededCliSuite();

  it('a lower version code: the message and --json error name --allow-lower-version, as before', async () => {
    const promoted = await ws.run(['promote', ws.b3, '--app', 'demo', '--channel', 'stable', '--rollout', '100', '--yes', '--json']);
    expect(promoted.code, promoted.stderr).toBe(0);
    ws.file('old.bin', 'an older build');
    const r = await ws.run(['upload', 'old.bin', '--app', 'demo', '--kind', 'file', '--version-code', '50', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`otactl: error: version code 50 is not above ${ws.b3} (102), current on stable; pass --allow-lower-version to upload it anyway\n`);
    expect(r.json().error).toMatchObject({ code: 'E_VERSION_NOT_HIGHER', field: 'allowLowerVersion', flag: '--allow-lower-version' });
  });

  it('a rollback with no safe build names --to BUILD', async () => {
    const r = await ws.run(['rollback', '--app', 'demo', '--channel', 'stable', '--yes', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name one with --to BUILD\n$/);
    expect(r.json().error).toMatchObject({ code: 'E_NO_SAFE_BUILD', field: 'to', flag: '--to' });
  });
});
