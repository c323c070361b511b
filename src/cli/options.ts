/**
 * Options as data. Commander reads these declarations for every command (help, errors, parsing),
 * and the start-up fast path (fast-path.ts) reads the same ones through node:util's parseArgs, so
 * an option is written once whichever parser sees it.
 */
import type { ParseArgsConfig } from 'node:util';

export interface OptionSpec {
  /** Commander syntax: '--json', '-y, --yes', '--store <url>', '--no-color'. */
  flags: string;
  description: string;
  /** Folds each value into the previous ones (commander's argParser); makes the option repeatable. */
  fold?: (value: string, previous: string[] | undefined) => string[];
  /** Default value: of a boolean switch (a `--no-x` switch defaults to true by itself), or of a value. */
  default?: boolean | string;
  /** Commander refuses the command line without it (and the fast path leaves such a line to commander). */
  required?: boolean;
}

export interface OptionShape {
  long: string;
  short?: string;
  /** The key in commander's opts(): camelCase, without the `no-` of a negated switch. */
  key: string;
  takesValue: boolean;
  negated: boolean;
}

const FLAGS = /^(?:-([A-Za-z]), )?--([a-z][a-z0-9-]*)(?: <[^>]+>)?$/;

/** Commander collector for repeatable flags (`--canary-tag a --canary-tag b`), also splitting commas. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

const TABLE_LINE = /^((?:-[A-Za-z], )?--[a-z][a-z0-9-]*(?: <[^>]+>)?) {2,}(.*?)((?: +\[(?:required|repeatable|default: [^\]]*)\])*)$/;

/**
 * Options written as the table `--help` prints (the idea of clap's `arg!`: the declaration reads
 * like its help): one option a line, its flags, two or more spaces, its description, then any of
 * `[required]`, `[repeatable]` (comma-separated values collect too) and `[default: VALUE]`
 * (`true`, `false`, `""` or the text as it stands). A line that is none of these is a bug, thrown
 * when the command's module loads (every module is loaded by the flag-table tests).
 */
export function optionTable(strings: TemplateStringsArray, ...values: unknown[]): OptionSpec[] {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const out: OptionSpec[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = TABLE_LINE.exec(line);
    if (!m || !m[2]) throw new Error(`option table line not understood: ${line}`);
    const spec: OptionSpec = { flags: m[1]!, description: m[2] };
    for (const [, mark, value] of m[3]!.matchAll(/\[(required|repeatable|default: ([^\]]*))\]/g)) {
      if (mark === 'required') spec.required = true;
      else if (mark === 'repeatable') spec.fold = collect;
      else spec.default = value === 'true' ? true : value === 'false' ? false : value === '""' ? '' : value!;
    }
    out.push(spec);
  }
  return out;
}

export function shapeOf(spec: OptionSpec): OptionShape {
  const m = FLAGS.exec(spec.flags);
  if (!m) throw new Error(`option flags not understood: ${spec.flags}`);
  const long = m[2]!;
  const negated = long.startsWith('no-');
  const key = (negated ? long.slice(3) : long).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { long, ...(m[1] ? { short: m[1] } : {}), key, takesValue: spec.flags.includes('<'), negated };
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = optionTable`
    --json                print one JSON document on stdout (implies non-interactive)  [default: false]
    --store <url>         store URL: file://DIR or s3://BUCKET/PREFIX (default from otactl.config.json or $OTACTL_STORE)
    --endpoint <url>      s3:// stores: a non-AWS server, path-style (default $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL or config s3.endpoint)
    --region <name>       s3:// stores: the bucket's region (default $AWS_REGION or config s3.region)
    --profile <name>      the AWS profile for credentials of s3:// stores and CloudFront (default $AWS_PROFILE or config s3.profile)
    --cdn-base-url <url>  http(s) base URL devices fetch the store from, written into manifests (default $OTACTL_CDN_BASE_URL, $OTACTL_PUBLIC_URL or config public_url)
    --config <path>       config file (default ./otactl.config.json or $OTACTL_CONFIG)
    --timeout <duration>  s3:// stores: give up when the store has not answered for this long in all, retries included, e.g. 30s, 5m (default 60s or $OTACTL_TIMEOUT)
    -y, --yes             do not ask for confirmation  [default: false]
    --actor <name>        who makes the change, for history (default: $OTACTL_ACTOR, the CI user, or the OS user)
    -q, --quiet           no status lines on stderr  [default: false]
    --no-color            no colours (also with NO_COLOR set)
    --debug               print stack traces of internal errors  [default: false]
`;

/**
 * The command word of a command line: the first argument that is not an option or the value of a
 * program option that takes one (`otactl --store DIR rollout ...` names rollout, not DIR).
 */
export function commandName(argv: readonly string[]): string | undefined {
  const at = commandIndex(argv);
  return at === undefined ? undefined : argv[at];
}

function commandIndex(argv: readonly string[]): number | undefined {
  const valueFlags = new Set(GLOBAL_OPTIONS.map(shapeOf).filter((s) => s.takesValue).map((s) => `--${s.long}`));
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (valueFlags.has(a)) i++;
    else if (!a.startsWith('-')) return i;
  }
  return undefined;
}

/**
 * The command line with spoken forms made the command words they mean: `otactl rollout tick ...`
 * (as people say it) is `otactl rollout-tick ...`. Safe because rollout's own argument is a
 * percent, never the word "tick".
 */
export function canonicalArgv(argv: readonly string[]): string[] {
  const at = commandIndex(argv);
  if (at !== undefined && argv[at] === 'rollout' && argv[at + 1] === 'tick') return [...argv.slice(0, at), 'rollout-tick', ...argv.slice(at + 2)];
  return [...argv];
}

/** The parseArgs declaration of a set of options. */
export function parseArgsOptions(specs: readonly OptionSpec[]): NonNullable<ParseArgsConfig['options']> {
  const out: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of specs) {
    const s = shapeOf(spec);
    out[s.long] = { type: s.takesValue ? 'string' : 'boolean', multiple: spec.fold !== undefined, ...(s.short ? { short: s.short } : {}) };
  }
  return out;
}

/**
 * The switches declared both ways (`--wifi-only` and `--no-wifi-only`): commander gives such a key
 * no default (absent unless one is given) and the last one given wins, an order parseArgs' values
 * do not keep (the fast path leaves a line with both to commander).
 */
export function switchPairs(specs: readonly OptionSpec[]): Set<string> {
  const shapes = specs.map(shapeOf).filter((s) => !s.takesValue);
  const positive = new Set(shapes.filter((s) => !s.negated).map((s) => s.key));
  return new Set(shapes.filter((s) => s.negated && positive.has(s.key)).map((s) => s.key));
}

/** parseArgs values turned into what commander's opts() holds for the same command line. */
export function optionValues(specs: readonly OptionSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const paired = switchPairs(specs);
  for (const spec of specs) {
    const s = shapeOf(spec);
    const v = values[s.long];
    if (!s.takesValue) {
      if (s.negated && paired.has(s.key)) {
        if (v === true) out[s.key] = false;
      } else if (s.negated) out[s.key] = v !== true;
      else if (v === true) out[s.key] = true;
      else if (spec.default !== undefined) out[s.key] = spec.default;
    } else if (spec.fold && Array.isArray(v)) {
      out[s.key] = (v as string[]).reduce<string[] | undefined>((acc, one) => spec.fold!(one, acc), undefined);
    } else if (typeof v === 'string') {
      out[s.key] = v;
    } else if (typeof spec.default === 'string') {
      out[s.key] = spec.default;
    }
  }
  return out;
}
