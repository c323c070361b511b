import { describe, expect, it } from 'vitest';
import { fastInvocation, parseFast } from '../../src/cli/fast-path.js';
import type { CommandDef } from '../../src/cli/command-def.js';
import { command as promote } from '../../src/cli/commands/promote.js';
import { command as rollout } from '../../src/cli/commands/rollout.js';
import { command as rollback } from '../../src/cli/commands/rollback.js';
import { command as check } from '../../src/cli/commands/check.js';
import { command as status } from '../../src/cli/commands/status.js';
import { CommanderError } from 'commander';
import { buildProgram, lineOf } from '../../src/cli/program.js';

/**
 * The channel commands run in CI loops, so they take the start-up fast path (no commander): for
 * every line it accepts, it must hand the command exactly what commander hands it, and what it
 * declines commander reads as before. Each line is checked against commander, the parser of record.
 */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** What commander hands the command's action for these words (before the definition's own parse), or its usage error. */
async function viaCommander(def: CommandDef<any>, words: string[]): Promise<object | { usageError: string }> {
  let seen: object | undefined;
  const program = buildProgram({}, [def], { bind: () => async (...args) => void (seen = lineOf(args)) });
  for (const c of [program, ...program.commands]) c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined, outputError: () => undefined });
  try {
    await program.parseAsync(['node', 'otactl', ...words]);
  } catch (err) {
    if (err instanceof CommanderError) return { usageError: err.message };
    throw err;
  }
  return seen!;
}
const A = ['--app', 'demo', '--channel', 'stable'];

const lines: [CommandDef<any>, string[]][] = [
  [promote, ['promote', 'b-1', ...A, '--rollout', '5']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--yes', '--json']],
  [promote, ['--json', '-y', 'promote', 'b-1', ...A, '--rollout=5']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--wifi-only']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--no-wifi-only']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--wifi-only', '--no-wifi-only']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--no-wifi-only', '--wifi-only']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--canary-tag', 'qa,beta', '--canary-tag', 'x', '--canary-device', 'd1', '--model', 'm', '--chip', 'esp32']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--min-current-version', '7', '--intermediate', 'b-2', '--salt', 'abc', '--min-battery', '40', '--must-install']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--allow-lower-version', '--allow-signer-change', '--dry-run', '--expires-in', '2d']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--wait', '--verify-edge', '--distribution-id', 'E2ABCDEF123456']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--rollout', '7']],
  [promote, ['promote', 'b-1', ...A]],
  [promote, ['promote', ...A, '--rollout', '5']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--help']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '-5']],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--bogus']],
  [promote, ['--rollout', '5', 'promote', 'b-1', ...A]],
  [promote, ['promote', 'b-1', ...A, '--rollout', '5', '--', 'x']],
  [rollout, ['rollout', '25', ...A, '--yes', '--json']],
  [rollout, ['rollout', ...A, '25', '-yq']],
  [rollout, ['rollout', '0', ...A, '--dry-run', '--store', 'file:///tmp/s', '--actor', 'ci', '--config', 'c.json', '--no-color']],
  [rollout, ['rollout', ...A, '--plan', '1,5,10', '--every', '30m', '--max-failure-rate', '3', '--min-samples', '50', '--on-failure', 'rollback']],
  [rollout, ['rollout', ...A]],
  [rollout, ['rollout', '25', '26', ...A]],
  [rollout, ['rollout', '25', ...A, '--every', '1h']],
  [rollback, ['rollback', ...A, '--yes', '--json']],
  [rollback, ['rollback', ...A, '--to', 'b-1', '--force-downgrade', '--allow-signer-change', '--debug']],
  [rollback, ['rollback', ...A, 'extra']],
  [rollback, ['rollback', '--app', 'demo']],
  [check, ['check', ...A, '--device', 'd1', '--current-version-code', '41', '--json']],
  [check, ['check', ...A, '--device', 'd1', '--current-version-code', '41', '--wifi']],
  [check, ['check', ...A, '--device', 'd1', '--current-version-code', '41', '--no-wifi']],
  [check, ['check', ...A, '--device', 'd1', '--current-version-code', '41', '--no-wifi', '--wifi']],
  [check, ['check', ...A, '--device', 'd1', '--current-version-code', '41', '--tags', 'a,b', '--tags', 'c', '--model', 'm', '--chip', 'c', '--battery', '20', '--charging', '--in-call', '--free-disk', '100', '--last-sequence', '3', '--manifest', 'm.json', '--key', 'k.pem', '--key', 'l.pem', '--now', '2026-01-01T00:00:00Z']],
  [check, ['check', ...A, '--device', 'd1']],
  [check, ['check', ...A, '--device', '--current-version-code', '41']],
  [status, ['status']],
  [status, ['status', '--json', '--app', 'demo', '--channel', 'stable', '--verify-history', '--logs', 'logs/']],
  [status, ['--store', 'file:///x', 'status', '-q']],
  [status, ['status', 'demo']],
  [status, ['status', '--verify-history=yes']],
];

describe('start-up fast path of the channel commands', () => {
  for (const [def, words] of lines) {
    it(`\`otactl ${words.join(' ')}\`: the fast path hands over what commander does, or leaves it to commander`, async () => {
      const fast = parseFast(['node', 'otactl', ...words], def);
      const commander = await viaCommander(def, words);
      if (fast === null) return; // commander reads it, as before
      expect(plain({ line: fast.line, globals: fast.globals })).toEqual(plain(commander));
    });
  }

  it('the five commands are fast; the help, usage errors and other commands are not', async () => {
    for (const [name, words] of [
      ['promote', ['promote', 'b-1', ...A, '--rollout', '5']],
      ['rollout', ['rollout', '5', ...A]],
      ['rollback', ['rollback', ...A]],
      ['check', ['check', ...A, '--device', 'd', '--current-version-code', '1']],
      ['status', ['status']],
    ] as const) {
      expect((await fastInvocation(['node', 'otactl', ...words]))?.def.name).toBe(name);
    }
    expect(await fastInvocation(['node', 'otactl', 'status', '--help'])).toBeNull();
    expect(await fastInvocation(['node', 'otactl', 'rollout', '--bogus', '5', ...A])).toBeNull();
    expect(await fastInvocation(['node', 'otactl', 'history', ...A])).toBeNull();
  });
});
