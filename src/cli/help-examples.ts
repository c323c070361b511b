/**
 * The "Examples:" block at the end of every --help (2 to 4 lines each, as gh does), as data:
 * command path (as typed after `otactl`; '' is the program itself) -> example command lines.
 * program.ts attaches them; a test fails for a command without examples.
 */

/** The app and channel most examples act on. */
const AT = '--app com.example.agent --channel stable';

export const HELP_EXAMPLES: Record<string, readonly string[]> = {
  '': ['otactl init', 'otactl upload app.apk', `otactl promote b-3f2a9c1d7e6b ${AT} --rollout 5`, 'otactl status --json'],
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
    `otactl promote b-3f2a9c1d7e6b ${AT} --rollout 5 --canary-tag qa`,
    'otactl promote b-3f2a9c1d7e6b --app com.example.agent --channel beta --rollout 100 --yes',
    `otactl promote b-3f2a9c1d7e6b ${AT} --rollout 10 --dry-run`,
  ],
  rollout: [`otactl rollout 25 ${AT}`, `otactl rollout 100 ${AT} --yes`, `otactl rollout 50 ${AT} --dry-run --json`],
  rollback: [`otactl rollback ${AT} --yes`, `otactl rollback ${AT} --to b-3f2a9c1d7e6b --force-downgrade --yes`],
  status: ['otactl status', 'otactl status --app com.example.agent --json'],
  history: [`otactl history ${AT}`, `otactl history ${AT} --limit 5 --json`],
  refresh: [`otactl refresh ${AT} --yes`, `otactl refresh ${AT} --expires-in 30d --yes`],
  check: [
    `otactl check ${AT} --device A1B2 --current-version-code 41`,
    `otactl check ${AT} --device A1B2 --current-version-code 41 --no-wifi`,
    `otactl check ${AT} --device A1B2 --current-version-code 41 --manifest https://cdn.example.com/apps/com.example.agent/channels/stable/manifest.json`,
  ],
  simulate: [`otactl simulate ${AT}`, `otactl simulate ${AT} --devices 100000 --json`],
  cohort: ['otactl cohort --salt 9f86d081884c7d65 --device A1B2 --percent 25', 'otactl cohort --salt 9f86d081884c7d65 --device A1B2 --percent 25 --json'],
  serve: ['otactl serve', 'otactl serve --port 8787 --access-log access.log'],
  repair: [`otactl repair ${AT} --dry-run`, `otactl repair ${AT} --yes`],
  gc: ['otactl gc', 'otactl gc --yes --older-than 2h'],
};

/** The text commander prints after a command's help. */
export function examplesText(commandPath: string): string | undefined {
  const lines = HELP_EXAMPLES[commandPath];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : undefined;
}
