import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { appFlag } from '../flags.js';
import { terminalSafe } from '../render.js';

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
        ctx.io.result({ app, builds }, () =>
          builds.length === 0
            ? `no builds of ${app}`
            : builds.map((b) => terminalSafe(`${b.build_id}  code ${String(b.version_code).padStart(9)}  ${b.version_name.padEnd(16)} ${b.kind.padEnd(11)} ${b.uploaded_at}  ${b.uploaded_by}`)).join('\n'),
        );
      }),
    );
}
