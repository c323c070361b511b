import { defineCommand } from '../command-def.js';
import { appFlag } from '../flags.js';
import { terminalSafe } from '../render.js';
import { optionTable } from '../options.js';

export const command = defineCommand<{ app: string }>({
  name: 'builds',
  description: 'list the uploaded builds of an app',
  args: [],
  options: optionTable`--app <id>  application id  [required]`,
  examples: ['otactl builds --app com.example.agent', 'otactl builds --app sensor --json'],
  parse: ({ flags }) => ({ app: appFlag(flags.app) }),
  async run(ctx, { app }) {
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
      ]
        .map(terminalSafe)
        .join('\n'),
    );
  },
});
