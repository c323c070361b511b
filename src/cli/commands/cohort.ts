import { defineCommand } from '../command-def.js';
import { deviceIdFlag, percentFlag, saltFlag } from '../flags.js';
import { optionTable } from '../options.js';
import { cohortBucket, inCohort, percentToBasisPoints } from '../../protocol/cohort.js';

export interface CohortOptions {
  salt: string;
  device: string;
  percent: number | null;
}

export const command = defineCommand<CohortOptions>({
  name: 'cohort',
  description: "a device's cohort bucket (0..9999) for a salt, and whether a percent includes it",
  args: [],
  options: optionTable`
      --salt <salt>    the rollout salt (otactl status shows it)  [required]
      --device <id>    the device id, exactly as the device reports it  [required]
      --percent <pct>  rollout percent to test against
  `,
  examples: ['otactl cohort --salt 9f86d081884c7d65 --device A1B2', 'otactl cohort --salt 9f86d081884c7d65 --device A1B2 --percent 25 --json'],
  parse: ({ flags }) => ({
    salt: saltFlag(flags.salt),
    device: deviceIdFlag('--device', flags.device),
    percent: flags.percent === undefined ? null : percentFlag('--percent', flags.percent),
  }),
  async run(ctx, { salt, device, percent }) {
    const bucket = cohortBucket(salt, device);
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
  },
});
