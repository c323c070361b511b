import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { seededCliSuite } from '../helpers/run-cli.js';

/**
 * action.yml (the composite GitHub Action) run here as a runner would: its YAML read by PyYAML
 * (python3, already on the machine: no new npm dependency), each `run:` step executed with bash
 * `-eo pipefail` as GitHub does, inputs reaching the steps only through the `env:` the file
 * declares (`${{ inputs.x }}` substituted there and nowhere else), GITHUB_OUTPUT / GITHUB_PATH as
 * files, against a file:// store. `uses:` steps (actions/setup-node) are skipped: Node is here.
 * What only GitHub shows (setup-node, the log masking itself, `uses: OWNER/otactl@v1` fetching
 * this repository) is not covered; docs/github-action.md says so.
 */
const yamlToJson = spawnSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], {
  input: readFileSync(join(repoRoot, 'action.yml'), 'utf8'),
  encoding: 'utf8',
});
const noYaml = yamlToJson.status === 0 ? null : `python3 with PyYAML is not available: ${yamlToJson.stderr.split('\n').at(-2) ?? ''}`;

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = (noYaml ? { inputs: {}, outputs: {}, runs: { using: '', steps: [] } } : JSON.parse(yamlToJson.stdout)) as Action;

/** Where GitHub checks the action out (github.action_path): here, this repository. */
const actionPath = resolve(repoRoot);
const EXPR = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/** `${{ inputs.x }}`, `${{ github.action_path }}`: the only expressions the action may use in env and with. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(EXPR, (_m, expr: string) => {
    const input = /^inputs\.([a-z-]+)$/.exec(expr);
    if (input) {
      if (!(input[1]! in action.inputs)) throw new Error(`action.yml uses the undeclared input ${input[1]}`);
      return inputs[input[1]!] ?? action.inputs[input[1]!]!.default ?? '';
    }
    if (expr === 'github.action_path') return actionPath;
    throw new Error(`action.yml uses an expression this emulation does not know: ${expr}`);
  });
}

/** GitHub's GITHUB_OUTPUT syntax: `name=value` lines and `name<<DELIM` ... `DELIM` blocks. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([A-Za-z0-9_-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`output ${heredoc[1]} has no closing ${heredoc[2]}`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

interface ActionRun {
  /** The step that failed (its exit code), or null when every step passed. */
  failed: { id: string; code: number } | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  path: string;
  runner: string;
}

// PyYAML is a test dependency (scripts/install-test-deps.sh): its absence fails, it never skips.
it('action.yml can be read (python3 with PyYAML)', () => expect(noYaml).toBeNull());

describe('action.yml, the reusable GitHub Action', () => {
  const ws = seededCliSuite();

  function runAction(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): ActionRun {
    const runner = join(ws.dir, `runner-${Math.random().toString(16).slice(2)}`);
    mkdirSync(runner);
    const files = { GITHUB_OUTPUT: join(runner, 'output'), GITHUB_ENV: join(runner, 'env'), GITHUB_PATH: join(runner, 'path') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    let stdout = '';
    let stderr = '';
    let failed: ActionRun['failed'] = null;
    const stepOutputs: Record<string, Record<string, string>> = {};
    for (const [i, step] of action.runs.steps.entries()) {
      if (step.uses) continue;
      writeFileSync(files.GITHUB_OUTPUT, '');
      const script = join(runner, `step${i}.sh`);
      writeFileSync(script, step.run!);
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
      const cwd = join(ws.dir, expand(step['working-directory'] ?? '.', inputs));
      // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd,
        env: { ...ws.env, ...env, ...files, RUNNER_TEMP: runner, GITHUB_ACTION_PATH: actionPath, ...stepEnv },
        encoding: 'utf8',
        timeout: 120_000,
      });
      stdout += r.stdout;
      stderr += r.stderr;
      stepOutputs[step.id ?? String(i)] = readOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      if (r.status !== 0) {
        failed = { id: step.id ?? String(i), code: r.status ?? -1 };
        break;
      }
    }
    const outputs = Object.fromEntries(
      Object.entries(action.outputs).map(([name, o]) => {
        const ref = /^\$\{\{\s*steps\.([a-z-]+)\.outputs\.([a-z-]+)\s*\}\}$/.exec(o.value)!;
        return [name, stepOutputs[ref[1]!]?.[ref[2]!] ?? ''];
      }),
    );
    return { failed, stdout, stderr, outputs, path: readFileSync(files.GITHUB_PATH, 'utf8'), runner };
  }

  it('is a composite action whose scripts splice no input: inputs reach them only as environment variables', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'command', 'config', 'fail-on-error', 'node-version', 'signing-key', 'store', 'working-directory']);
    expect(action.inputs.command!.required).toBe(true);
    for (const step of action.runs.steps) {
      if (step.run !== undefined) {
        expect(step.shell).toBe('bash');
        // `${{ }}` in a script is template-expanded before bash reads it: an input there is shell injection.
        expect(step.run).not.toMatch(/\$\{\{/);
      }
    }
    // Every declared input is used, and every expression names a declared input (expand throws otherwise).
    const used = new Set(action.runs.steps.flatMap((s) => [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {}), s['working-directory'] ?? ''].flatMap((v) => [...v.matchAll(EXPR)].map((m) => m[1]!))));
    for (const name of Object.keys(action.inputs)) expect(used).toContain(`inputs.${name}`);
    for (const s of action.runs.steps) for (const v of Object.values(s.env ?? {})) expand(v, {});
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'result']);
    expect(action.runs.steps.find((s) => s.uses)?.uses).toMatch(/^actions\/setup-node@v\d+$/);
  });

  it('promotes with the signing key from the input (masked, never printed) and puts the --json result in the output', () => {
    const keyDir = ws.env.OTACTL_KEY_DIR!;
    const keyFile = readdirSync(keyDir).find((f) => f.endsWith('.key.pem'))!;
    const pem = readFileSync(join(keyDir, keyFile), 'utf8');
    // Only the input holds the key now: without it the promote could not sign.
    rmSync(join(keyDir, keyFile));
    try {
      const r = runAction({
        command: 'promote',
        args: [ws.b2, '--app', 'demo', '--channel', 'beta', '--rollout', '10', '--install-window', '22:00-05:00', '--yes', ''].join('\n'),
        store: `file://${join(ws.dir, 'ota-store')}`,
        config: 'otactl.config.json',
        'signing-key': pem,
      });
      expect(r.failed, r.stderr).toBeNull();
      expect(r.outputs['exit-code']).toBe('0');
      const result = JSON.parse(r.outputs.result!);
      expect(result).toMatchObject({ action: 'promote', app: 'demo', channel: 'beta' });
      // Later steps of the job find `otactl` on the PATH the action added.
      expect(r.path.trim()).toBe(join(r.runner, 'otactl-bin'));
      const later = spawnSync('otactl', ['--version'], { env: { ...ws.env, PATH: `${r.path.trim()}:${ws.env.PATH}` }, encoding: 'utf8' });
      expect(later.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      // Each line of the key's body is masked before anything else is printed, and appears nowhere else.
      const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
      expect(body.length).toBeGreaterThan(0);
      const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
      expect(masks).toEqual(body.map((l) => `::add-mask::${l}`));
      const unmasked = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n') + r.stderr;
      for (const line of body) expect(unmasked).not.toContain(line);
      // The signed manifest devices read carries the window the args asked for.
      const envelope = JSON.parse(readFileSync(join(ws.dir, 'ota-store', 'apps', 'demo', 'channels', 'beta', 'manifest.json'), 'utf8'));
      const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
      expect(payload.constraints.install_window).toEqual({ start: '22:00', end: '05:00' });
      expect(payload.sequence).toBe(result.sequence);
    } finally {
      writeFileSync(join(keyDir, keyFile), pem, { mode: 0o600 });
    }
  });

  it('passes each line of args as one argument, with no shell reading: spaces and $(...) stay text', () => {
    ws.file('odd.bin', Buffer.from('odd build '.repeat(500)));
    const name = '2.0 beta $(touch pwned) `touch pwned2` ; rm -rf x';
    const r = runAction({ command: 'upload', args: ['odd.bin', '--app', 'demo', '--kind', 'file', '--version-code', '300', '--version-name', name].join('\n') });
    expect(r.failed, r.stderr).toBeNull();
    expect(JSON.parse(r.outputs.result!).version_name).toBe(name);
    expect(existsSync(join(ws.dir, 'pwned'))).toBe(false);
    expect(existsSync(join(ws.dir, 'pwned2'))).toBe(false);
  });

  it('a failing command fails the step with otactl exit code and still sets the error object as the result; fail-on-error false keeps going', () => {
    const inputs = { command: 'promote', args: 'b-ffffffffffff\n--app\ndemo\n--channel\nbeta\n--rollout\n5\n--yes' };
    const failing = runAction(inputs);
    expect(failing.failed).toMatchObject({ id: 'run' });
    expect(failing.failed!.code).toBeGreaterThan(0);
    expect(failing.outputs['exit-code']).toBe(String(failing.failed!.code));
    expect(JSON.parse(failing.outputs.result!)).toMatchObject({ error: expect.anything() });
    expect(failing.stdout).toMatch(/^::error title=otactl promote::exit code \d+/m);

    const tolerated = runAction({ ...inputs, 'fail-on-error': 'false' });
    expect(tolerated.failed).toBeNull();
    expect(tolerated.outputs['exit-code']).toBe(String(failing.failed!.code));
  });
});
