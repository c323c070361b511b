import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { percentFlag, requiredString, saltFlag } from '../flags.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('cohort')
    .description("a device's cohort bucket (0..9999) for a salt, and whether a percent includes it")
    .requiredOption('--salt <salt>', 'the rollout salt (otactl status shows it)')
    .requiredOption('--device <id>', 'the device id, exactly as the device reports it')
    .option('--percent <pct>', 'rollout percent to test against')
    .action(
      run(async (ctx, opts) => {
        const { cohortBucket, inCohort, percentToBasisPoints } = await import('../../core/cohort.js');
        const salt = saltFlag(opts.salt);
        const device = requiredString('--device', opts.device);
        const bucket = cohortBucket(salt, device);
        const percent = opts.percent === undefined ? null : percentFlag('--percent', opts.percent);
        const result = {
          salt,
          device,
          bucket,
          percent,
          threshold: percent === null ? null : percentToBasisPoints(percent),
          in_rollout: percent === null ? null : inCohort(bucket, percent),
        };
        ctx.io.result(result, () =>
          percent === null ? `bucket ${bucket}` : `bucket ${bucket} ${result.in_rollout ? '<' : '>='} ${result.threshold}: ${result.in_rollout ? 'IN' : 'OUT'} at ${percent}%`,
        );
      }),
    );
}
