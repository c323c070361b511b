import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { appFlag } from '../flags.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('builds')
    .description('list the uploaded builds of an app')
    .requiredOption('--app <id>', 'application id')
    .action(
      run(async (ctx, opts) => {
        const app = appFlag(opts.app);
        const repo = await ctx.repo();
        const builds = await repo.listReleases(app);
        // The app record (kind, accepted signers with who/when/why); null for an app not uploaded to since it existed.
        const record = (await repo.readAppRecord(app))?.record ?? null;
        const signers = record?.signers ?? [];
        ctx.io.result({ app, kind: record?.kind ?? null, signers, builds }, () =>
          [
            ...(builds.length === 0
              ? [`no builds of ${app}`]
              : builds.map((b) => `${b.build_id}  code ${String(b.version_code).padStart(9)}  ${b.version_name.padEnd(16)} ${b.kind.padEnd(11)} ${b.uploaded_at}  ${b.uploaded_by}`)),
            ...(signers.length === 0 ? [] : ['accepted signers:']),
            ...signers.map((s) => `  ${s.fingerprint}  ${s.reason.padEnd(15)} ${s.build_id}  ${s.at}  ${s.by}`),
          ].join('\n'),
        );
      }),
    );
}
