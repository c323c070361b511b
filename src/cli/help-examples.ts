/**
 * The "Examples:" block at the end of every --help (2 to 4 lines each, as gh does), as data:
 * command path (as typed after `otactl`; '' is the program itself) -> example command lines.
 * program.ts attaches them; a test fails for a command without examples.
 */
export const HELP_EXAMPLES: Record<string, readonly string[]> = {
  '': [
    'otactl init',
    'otactl upload app.apk',
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 5',
    'otactl status --json',
  ],
  init: ['otactl init', 'otactl init --store file://./releases', 'otactl init --key-dir ./ci-keys --json'],
  keys: ['otactl keys list', 'otactl keys generate --activate'],
  'keys generate': ['otactl keys generate', 'otactl keys generate --activate'],
  'keys list': ['otactl keys list', 'otactl keys list --json'],
  inspect: ['otactl inspect app.apk', 'otactl inspect fw.bin --kind esp --json', 'otactl inspect fw.bin --trusted-key secure-boot.pub.pem'],
  upload: [
    'otactl upload app.apk',
    'otactl upload fw.bin --app sensor --partition-size 1572864',
    'otactl upload tool.tar.gz --app tools --kind file --version-code 7 --version-name 1.0.7',
  ],
  builds: ['otactl builds --app com.example.agent', 'otactl builds --app com.example.agent --json'],
  promote: [
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 5 --canary-tag qa',
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel beta --rollout 100 --yes',
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel stable --rollout 10 --dry-run',
  ],
  rollout: [
    'otactl rollout 25 --app com.example.agent --channel stable',
    'otactl rollout 100 --app com.example.agent --channel stable --yes',
    'otactl rollout 50 --app com.example.agent --channel stable --dry-run --json',
  ],
  rollback: [
    'otactl rollback --app com.example.agent --channel stable --yes',
    'otactl rollback --app com.example.agent --channel stable --to b-3f2a9c1d7e6b --force-downgrade --yes',
  ],
  status: ['otactl status', 'otactl status --app com.example.agent --json'],
  history: ['otactl history --app com.example.agent --channel stable', 'otactl history --app com.example.agent --channel stable --limit 5 --json'],
  refresh: [
    'otactl refresh --app com.example.agent --channel stable --yes',
    'otactl refresh --app com.example.agent --channel stable --expires-in 30d --yes',
  ],
  check: [
    'otactl check --app com.example.agent --channel stable --device A1B2 --current-version-code 41',
    'otactl check --app com.example.agent --channel stable --device A1B2 --current-version-code 41 --no-wifi',
    'otactl check --app com.example.agent --channel stable --device A1B2 --current-version-code 41 --manifest https://cdn.example.com/apps/com.example.agent/channels/stable/manifest.json',
  ],
  simulate: [
    'otactl simulate --app com.example.agent --channel stable',
    'otactl simulate --app com.example.agent --channel stable --devices 100000 --json',
  ],
  cohort: ['otactl cohort --salt 9f86d081884c7d65 --device A1B2 --percent 25', 'otactl cohort --salt 9f86d081884c7d65 --device A1B2 --percent 25 --json'],
  serve: ['otactl serve', 'otactl serve --port 8787 --access-log access.log'],
  repair: ['otactl repair --app com.example.agent --channel stable --dry-run', 'otactl repair --app com.example.agent --channel stable --yes'],
  gc: ['otactl gc', 'otactl gc --yes --older-than 2h'],
};

/** The text commander prints after a command's help. */
export function examplesText(commandPath: string): string | undefined {
  const lines = HELP_EXAMPLES[commandPath];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : undefined;
}
