import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * Test files that start processes: a CLI test runs in process (test/helpers/run-cli.ts) unless
 * it needs what only a process shows (signals, a TTY, a crash's exit, bin/ itself, a stdin pipe),
 * and compilers, openssl, Ceph or mosquitto are processes by nature. The budgets below are today's
 * counts (the goal is 15; of the node ones, four are test/s3 and the rest need a real process or
 * the AWS SDK's process-wide credential chain): a new spawning file must replace one, or argue for raising them.
 */
const SPAWNS = [
  /from 'node:child_process'/,
  // helpers that start processes: the CLI as a process, the example quickstart, brokers and servers
  /\b(seededWorkspace|workspace)\(\)/,
  /helpers\/(quickstart|mosquitto|ceph-rgw)\.js'/,
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

// 37/22 when the in-process runner landed; since then the files merged beside it add
// damaged-records (mkfifo and the CLI), s3-logs-credentials (the AWS SDK's process-wide credential
// chain) and serve/security (serve run as another user): each needs a process today. test/action
// runs the GitHub Action's `run:` steps, which are bash scripts, with bash as a runner does (+1 all).
const BUDGET = { all: 40, node: 24 };
