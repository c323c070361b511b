import type { PlanSpec } from '../../core/rollout-plan.js';
import { checkPlanSpec, MAX_PLAN_STEP_SECONDS } from '../../core/rollout-plan.js';
import { inCliWords } from '../flag-names.js';
import type { RolloutRequest } from '../../release/channel-workflows.js';
import { UsageError } from '../../errors.js';
import type { ParsedLine } from '../command-def.js';
import { defineCommand } from '../command-def.js';
import { parseDuration } from '../config.js';
import { installWindowFlag, intFlag, percentFlag } from '../flags.js';
import { CHANNEL_CHANGE_OPTIONS, changeDeps, type ChangeExtras, parseChannelChange, printChange } from './channel-change.js';
import { optionTable } from '../options.js';
import { rollout } from '../../release/channel-workflows.js';

export const PLAN_DEFAULTS = { every: '1h', maxFailureRate: 2, minSamples: 200 } as const;

export const command = defineCommand<RolloutRequest & ChangeExtras>({
  name: 'rollout',
  description: 'change the staged rollout percent of the current build (no device leaves the cohort when raising; 0 pauses), or start a staged plan that otactl rollout-tick moves',
  args: [{ name: 'pct', description: 'new percent, 0..100 in 0.01 steps (not with --plan)', optional: true }],
  options: [
    ...CHANNEL_CHANGE_OPTIONS,
    ...optionTable`
      --plan <steps>            staged plan: percents, comma-separated and increasing (starts at the first; a manual rollout ends a plan)
      --every <duration>        with --plan: least time at a step, e.g. 1h, 30m (default ${PLAN_DEFAULTS.every})
      --max-failure-rate <pct>  with --plan: halt above this percent of failed installs (default ${PLAN_DEFAULTS.maxFailureRate})
      --min-samples <n>         with --plan: install results needed before a step is judged (default ${PLAN_DEFAULTS.minSamples})
      --on-failure <action>     with --plan: past the failure limit, halt (freeze the percent) or rollback to the last safe build (default halt)
      --install-window <HH:MM-HH:MM>  devices install only in this window of their local time (may wrap midnight); none clears it (default: unchanged)
      --confirm-within <duration>  with --plan: an install not confirmed by a boot report within this time counts as failed (timed out), e.g. 30m (default 1h)
    `,
  ],
  examples: [
    'otactl rollout 25 --app com.example.agent --channel stable --yes',
    'otactl rollout 100 --app sensor --channel beta --dry-run',
    'otactl rollout 0 --app sensor --channel stable --yes   # pause',
    'otactl rollout --plan 1,5,10,25,50,100 --every 1h --max-failure-rate 2 --min-samples 200 --app sensor --channel stable --yes',
  ],
  parse: ({ flags, args }) => {
    // `otactl rollout tick ...` right after the command word runs rollout-tick (canonicalArgv); anywhere else, point there.
    if (args[0] === 'tick') throw new UsageError('the plan tick is `otactl rollout-tick` (or `otactl rollout tick` with the word right after rollout), e.g. otactl rollout tick --app APP --channel CHANNEL --logs PATH');
    const window = installWindowFlag('--install-window', flags.installWindow);
    const base = { ...parseChannelChange(flags), ...(window === undefined ? {} : { installWindow: window }) };
    const plan = planFlags(flags);
    if (plan === undefined) {
      if (args[0] === undefined) throw new UsageError("missing required argument 'pct' (or give --plan)");
      return { ...base, percent: percentFlag('<pct>', args[0]) };
    }
    if (args[0] !== undefined) throw new UsageError('give either <pct> or --plan: a plan starts at its first step');
    return { ...base, percent: plan.steps[0]!, plan };
  },
  async run(ctx, { expiresIn, cdn, ...req }) {
    printChange(ctx, await rollout(await changeDeps(ctx, { expiresIn, cdn }), req));
  },
});

function planFlags(flags: ParsedLine['flags']): PlanSpec | undefined {
  if (flags.plan === undefined) {
    const stray = (['every', 'maxFailureRate', 'minSamples', 'onFailure', 'confirmWithin'] as const).find((k) => flags[k] !== undefined);
    if (stray) throw new UsageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --plan`);
    return undefined;
  }
  const steps = String(flags.plan)
    .split(',')
    .map((s) => percentFlag('--plan', s.trim()));
  const every = String(flags.every ?? PLAN_DEFAULTS.every);
  const spec: PlanSpec = {
    steps,
    everySeconds: parseDuration(every, '--every', MAX_PLAN_STEP_SECONDS, '366d'),
    maxFailureRate: flags.maxFailureRate === undefined ? PLAN_DEFAULTS.maxFailureRate : percentFlag('--max-failure-rate', flags.maxFailureRate),
    minSamples: intFlag('--min-samples', flags.minSamples) ?? PLAN_DEFAULTS.minSamples,
    onFailure: String(flags.onFailure ?? 'halt') as PlanSpec['onFailure'],
    ...(flags.confirmWithin === undefined ? {} : { confirmWithinSeconds: parseDuration(String(flags.confirmWithin), '--confirm-within', MAX_PLAN_STEP_SECONDS, '366d') }),
  };
  // The plan's rules are the library's (checkPlanSpec); here they are refused at parse, in flag words.
  inCliWords(() => checkPlanSpec(spec));
  return spec;
}
