import type { Command } from 'commander';
import { registerSpec, type CommandSpec } from '../command-spec.js';
import type { Runner } from '../program.js';
import { collect, stringList } from '../flags.js';
import { renderReport } from '../render.js';
import { ExitCode } from '../../errors.js';

/** Declared as data: `inspect` runs per artifact in CI, so the fast path runs it without commander. */
export const spec: CommandSpec = {
  name: 'inspect',
  description: 'what otactl knows about an artifact (APK, ESP image, any file); exits 0 only when it verifies',
  args: [{ name: 'file', description: 'the artifact' }],
  options: [
    { flags: '--kind <kind>', description: 'force the artifact kind: apk, esp, file' },
    { flags: '--trusted-key-digest <hex>', description: 'ESP Secure Boot v2: trusted public key digest (repeatable)', fold: collect },
    { flags: '--trusted-key <pem>', description: 'ESP Secure Boot v2: trusted public key file (repeatable)', fold: collect },
  ],
  async action(ctx, opts, [file]) {
    const { inspectArtifact } = await import('../../artifacts/index.js');
    const { report } = await inspectArtifact(
      file!,
      { trustedKeyDigests: stringList(opts.trustedKeyDigest), trustedKeys: stringList(opts.trustedKey) },
      typeof opts.kind === 'string' ? opts.kind : undefined,
    );
    ctx.io.result(report, () => renderReport(report as unknown as Record<string, unknown>));
    if (!report.verified) process.exitCode = ExitCode.verification;
  },
};

export function register(program: Command, run: Runner): Command {
  return registerSpec(program, spec, run);
}
