// The otactl lines of examples/github-actions parse as the CLI parses them: an example that
// drifts from the flags fails here (shell substitutions stand in as plain words). And the
// workflows do what their README promises: OIDC role assumption (no stored keys), a promote only
// after the tests, the refresh cron, and the CloudFront parts (distribution id from the env,
// --wait, --verify-edge).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandEntry } from '../../src/cli/command-def.js';
import { command as promote } from '../../src/cli/commands/promote.js';
import { command as refresh } from '../../src/cli/commands/refresh.js';
import { command as status } from '../../src/cli/commands/status.js';
import { command as upload } from '../../src/cli/commands/upload.js';
import { parseLine } from '../helpers/parse-line.js';
import { repoRoot } from '../helpers/cli.js';

const COMMANDS: Record<string, CommandEntry> = { promote, refresh, status, upload };
const dir = join(repoRoot, 'examples', 'github-actions');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

/** The jobs of a workflow, by name: each job's own lines. */
function jobs(text: string): Record<string, string> {
  const body = text.slice(text.indexOf('\njobs:\n') + 7);
  const out: Record<string, string> = {};
  let name = '';
  for (const line of body.split('\n')) {
    const m = /^  ([\w-]+):\s*$/.exec(line);
    if (m) name = m[1]!;
    else if (name) out[name] = `${out[name] ?? ''}${line}\n`;
  }
  return out;
}

/** The otactl command lines of a workflow, as argument words. */
function otactlLines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(- run:)?\s*/, '').replace(/\s*\|.*$/, ''))
    .filter((l) => l.startsWith('otactl '))
    .map((l) =>
      l
        .replace(/"\$\([^)]*\)"|"\$[a-z]+"/g, 'b-0123456789ab')
        .replace(/\s*>.*$/, '')
        .split(/\s+/)
        .slice(1),
    );
}

/** The steps of a workflow that use the otactl action: `command:` and the `args: |` lines under it. */
function actionSteps(text: string): { command: string; args: string[] }[] {
  const out: { command: string; args: string[] }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!/^\s+uses: [\w-]+\/otactl@/.test(line)) return;
    const rest = lines.slice(i + 1);
    const end = rest.findIndex((l) => /^\s+- /.test(l));
    const block = end < 0 ? rest : rest.slice(0, end);
    const command = block.map((l) => /^\s+command: (\S+)$/.exec(l)?.[1]).find(Boolean)!;
    const argsAt = block.findIndex((l) => /^\s+args: \|$/.test(l));
    const indent = argsAt < 0 ? 0 : block[argsAt]!.search(/\S/);
    const args: string[] = [];
    for (const l of argsAt < 0 ? [] : block.slice(argsAt + 1)) {
      if (l.trim() !== '' && l.search(/\S/) <= indent) break;
      if (l.trim() !== '' && !l.trim().startsWith('#')) args.push(l.trim());
    }
    out.push({ command, args });
  });
  return out;
}

describe('examples/github-actions', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  it('has workflows with otactl lines, or with steps using the action', () => {
    expect(files.sort()).toEqual(['refresh.yml', 'release-action.yml', 'release.yml']);
    for (const f of files) expect(otactlLines(read(f)).length + actionSteps(read(f)).length, f).toBeGreaterThan(0);
  });

  it('release-action.yml uses the action (action.yml) in a job that needs the tests, and each step\'s args parse as otactl parses them', async () => {
    const text = read('release-action.yml');
    const steps = actionSteps(text);
    expect(steps.map((s) => s.command)).toEqual(['upload', 'promote']);
    for (const { command, args } of steps) {
      const words = [command, ...args.map((a) => (a.includes('${{') ? (a.includes('.app') ? 'com.example.agent' : 'b-0123456789ab') : a))];
      const parsed = await parseLine(COMMANDS[command]!, words);
      expect('error' in parsed ? `${words.join(' ')}: ${parsed.error}` : 'ok').toBe('ok');
    }
    expect(steps[1]!.args).toEqual(expect.arrayContaining(['--yes', '--wait', '--verify-edge', '--install-window']));
    const byName = jobs(text);
    expect(byName.release).toMatch(/^    needs: test$/m);
    expect(byName.release).toMatch(/^          signing-key: \$\{\{ secrets\.OTACTL_SIGNING_KEY \}\}$/m);
  });

  it.each(files)('every otactl line of %s parses', async (f) => {
    for (const words of otactlLines(readFileSync(join(dir, f), 'utf8'))) {
      const command = COMMANDS[words[0]!];
      expect(command, words[0]).toBeDefined();
      const parsed = await parseLine(command!, words);
      expect('error' in parsed ? `${words.join(' ')}: ${parsed.error}` : 'ok').toBe('ok');
    }
  });

  it.each(files)('%s gets AWS credentials by OIDC role assumption, never stored keys', (f) => {
    const text = read(f);
    expect(text).toMatch(/^permissions:.*\bid-token: write\b/ms);
    const assume = text.match(/uses: aws-actions\/configure-aws-credentials@v\d+\n\s+with: \{.*\}$/gm) ?? [];
    expect(assume.length).toBeGreaterThan(0);
    for (const step of assume) expect(step).toMatch(/role-to-assume: '\$\{\{ vars\.AWS_ROLE_ARN \}\}'/);
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('release.yml promotes only in a job that needs the tests, with --wait and --verify-edge', () => {
    const byName = jobs(read('release.yml'));
    const testJob = Object.entries(byName).find(([, b]) => /- run: .*\bnpm test\b/.test(b));
    expect(testJob, 'a job running the tests').toBeDefined();
    const promoting = Object.entries(byName).filter(([, b]) => /otactl promote /.test(b));
    expect(promoting).toHaveLength(1);
    const [, block] = promoting[0]!;
    expect(block).toMatch(new RegExp(`^    needs: \\[?${testJob![0]}\\]?$`, 'm'));
    const promote = otactlLines(block).find((w) => w[0] === 'promote')!;
    expect(promote).toEqual(expect.arrayContaining(['--wait', '--verify-edge', '--yes']));
  });

  it.each(files)('%s names the CloudFront distribution and the CDN base URL through the environment', (f) => {
    const text = read(f);
    expect(text).toMatch(/^\s+OTACTL_CLOUDFRONT_DISTRIBUTION_ID: \$\{\{ vars\.\w+ \}\}$/m);
    expect(text).toMatch(/^\s+OTACTL_CDN_BASE_URL: \$\{\{ vars\.\w+ \}\}$/m);
    // The id is never a flag in the examples: one place (the env) to change it.
    expect(text).not.toContain('--distribution-id');
  });

  it('refresh.yml is a daily cron that refreshes every channel, waiting for the invalidation', () => {
    const text = read('refresh.yml');
    const cron = /schedule: \[\{ cron: '([^']+)' \}\]/.exec(text)?.[1];
    expect(cron?.split(' ')).toHaveLength(5);
    expect(cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const refresh = otactlLines(text).find((w) => w[0] === 'refresh')!;
    expect(refresh).toEqual(expect.arrayContaining(['--yes', '--wait']));
    expect(text).toMatch(/otactl status --json \| jq -r '\.channels\[\]/);
  });
});
