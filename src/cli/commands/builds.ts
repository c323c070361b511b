import { ERRORS, ExitCode, type ErrorCode } from '../../errors.js';
import { defineCommand } from '../command-def.js';
import { appFlag } from '../flags.js';
import { terminalSafe } from '../render.js';
import { optionTable } from '../options.js';
import { cliText } from '../flag-names.js';

export const command = defineCommand<{ app: string }>({
  name: 'builds',
  description: 'list the uploaded builds of an app',
  args: [],
  options: optionTable`--app <id>  application id  [required]`,
  examples: ['otactl builds --app com.example.agent', 'otactl builds --app sensor --json'],
  parse: ({ flags }) => ({ app: appFlag(flags.app) }),
  async run(ctx, { app }) {
    const repo = await ctx.repo();
    // A damaged release record is listed in its place, marked, and fails the command at the end (exit 5, or 7 when unreadable).
    const survey = await repo.surveyReleases(app);
    const builds = survey.builds;
    const damaged = survey.damaged.map((d) => ({ build_id: d.build_id, key: d.key, error: { code: d.error.code, message: d.error.message } }));
    // The app record (kind, accepted signers with who/when/why); null for an app not uploaded to since it existed.
    const record = (await repo.readAppRecord(app))?.record ?? null;
    const signers = record?.signers ?? [];
    const unreadable = (d: (typeof damaged)[number]) => ERRORS[d.error.code as ErrorCode]?.exit === 'store';
    if (damaged.length > 0) ctx.exitCode = damaged.some(unreadable) ? ExitCode.store : ExitCode.verification;
    ctx.io.result({ app, kind: record?.kind ?? null, signers, builds, ...(damaged.length > 0 ? { damaged } : {}) }, () =>
      [
        ...(builds.length === 0 && damaged.length === 0
          ? [`no builds of ${app}`]
          : builds.map((b) => `${b.build_id}  code ${String(b.version_code).padStart(9)}  ${b.version_name.padEnd(16)} ${b.kind.padEnd(11)} ${b.uploaded_at}  ${b.uploaded_by}`)),
        ...damaged.map((d) => `${d.build_id}  DAMAGED [${d.error.code}] ${cliText(d.error.message)}`),
        ...(signers.length === 0 ? [] : ['accepted signers:']),
        ...signers.map((s) => `  ${s.fingerprint}  ${s.reason.padEnd(15)} ${s.build_id}  ${s.at}  ${s.by}`),
      ]
        .map(terminalSafe)
        .join('\n'),
    );
    for (const d of damaged) {
      ctx.io.warn(
        `${d.key} ${unreadable(d) ? 'cannot be read' : 'does not verify'}: restore it from a backup, or delete it and upload the build again; ` +
          `otactl repair --app ${app} then checks the app record against the builds that verify`,
      );
    }
  },
});
