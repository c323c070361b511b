import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * Test files that start processes: a CLI test runs in process (test/helpers/run-cli.ts) unless
 * it needs what only a process shows (signals, a TTY, a crash's exit, bin/ itself, writers in
 * separate processes: test/cli/process.test.ts), a user's script or another user's process, or a
 * package seen from another project (test/api/package); and compilers, openssl, apksigner,
 * chromium, Ceph or mosquitto are processes by nature. A fixture that a process makes is made
 * once per run by a global setup (the FIFO, the fresh APKs); what one tool builds for several
 * cases is built once in one file (one file per device template). The budgets below are today's
 * counts: a new spawning file must join one of these where it belongs, or argue for raising them.
 */
const SPAWNS = [
  /from 'node:child_process'/,
  // helpers that start processes: the CLI as a process, the example quickstart, brokers and servers
  /\b(seededWorkspace|workspace)\(\)/,
  /helpers\/(quickstart|mosquitto|ceph-rgw)\.js'/,
  // Debian's apksigner, through test/artifacts/apk/fresh/apksigner.ts
  /\b(apksignerVerify|apksignerLineage|makeFreshApks)\(/,
];
/** Files that start node itself (the CLI or a script), of those above. */
const SPAWNS_NODE = [/\b(seededWorkspace|workspace)\(\)/, /process\.execPath/, /helpers\/quickstart\.js'/, /spawnSync\('npx'/];

export function spawningTestFiles(patterns: RegExp[] = SPAWNS): string[] {
  const root = join(repoRoot, 'test');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('spawn-budget.test.ts'))
    .filter((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      return patterns.some((p) => p.test(text));
    })
    .map((f) => relative(repoRoot, join(root, f)))
    .sort();
}

describe('test files that spawn processes', () => {
  it('stay within the budget', () => {
    const all = spawningTestFiles();
    const node = spawningTestFiles(SPAWNS_NODE);
    console.log(`${all.length} test files spawn processes, ${node.length} of them node:\n${all.map((f) => `  ${node.includes(f) ? 'node ' : '     '}${f}`).join('\n')}`);
    expect(all.length).toBeLessThanOrEqual(BUDGET.all);
    expect(node.length).toBeLessThanOrEqual(BUDGET.node);
  });

  it('the counter sees the helpers that spawn', () => {
    expect(SPAWNS.some((p) => p.test("import { seededWorkspace } from '../helpers/cli.js';\nconst ws = seededWorkspace();"))).toBe(true);
    expect(SPAWNS.some((p) => p.test("import { seededCliWorkspace } from '../helpers/run-cli.js';\nconst ws = await seededCliWorkspace();"))).toBe(false);
  });
});

// 39/24 before the CLI tests moved in process (issue 19 item 6); 27/13 after; 15/7 since the
// regrouping (one file per template, with the run of otactl's delta patches on the device's
// applier; the S3 CLI blocks in one file; compile-cache in process.test; the quickstart's S3 part
// beside it) and two seams (serve stops on CliSeams.signal; a run's AWS
// environment is the process's for its length: withAwsProcessEnv). What spawns, and why:
//   node: cli/process (signals, TTY, crash, EPIPE, racing processes, npx, bin's compile cache),
//   edge/security (otactl serve as another user), api/package (the package imported by another
//   project, tsc), artifacts/esp/xor-checksum (node --jitless; wat2wasm), examples/quickstart (the
//   README's script, its S3 part on the shared gateway), nudge/mqtt (otactl nudge beside
//   mosquitto), s3/cli (20 writers at once on the gateway, as processes);
//   other: templates/esp-idf (gcc, cmake; with detools' C library, the applier of otactl's
//   patches on the device), templates/arduino-esp8266 (gcc, xtensa gcc, g++, bash),
//   templates/android (kotlinc, javac, java), protocol/dsse (openssl), telemetry/consumers (chromium, python3 sqlite3),
//   artifacts/apk/fresh/apksigner-parity (apksigner), action/github-action (the action's steps in
//   bash, PyYAML), cli/secrets (mosquitto).
const BUDGET = { all: 15, node: 7 };
