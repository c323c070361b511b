import { defineCommand } from '../command-def.js';
import { collect, kindFlag, stringList, type ArtifactKindFlag } from '../flags.js';
import { renderReport } from '../render.js';
import { ExitCode } from '../../errors.js';

export interface InspectOptions {
  file: string;
  kind?: ArtifactKindFlag;
  trustedKeyDigests: string[];
  trustedKeys: string[];
}

/** `inspect` runs per artifact in CI, so the fast path runs this definition without commander. */
export const command = defineCommand<InspectOptions>({
  name: 'inspect',
  description: 'what otactl knows about an artifact (APK, ESP image, any file); exits 0 only when it verifies',
  args: [{ name: 'file', description: 'the artifact' }],
  options: [
    { flags: '--kind <kind>', description: 'force the artifact kind: apk, esp, file' },
    { flags: '--trusted-key-digest <hex>', description: 'ESP Secure Boot v2: trusted public key digest (repeatable)', fold: collect },
    { flags: '--trusted-key <pem>', description: 'ESP Secure Boot v2: trusted public key file (repeatable)', fold: collect },
  ],
  examples: ['otactl inspect app-release.apk', 'otactl inspect firmware.bin --json', 'otactl inspect firmware.bin --trusted-key secure-boot-pub.pem'],
  parse: ({ flags, args }) => ({
    file: args[0]!,
    ...(flags.kind === undefined ? {} : { kind: kindFlag(flags.kind) }),
    trustedKeyDigests: stringList(flags.trustedKeyDigest),
    trustedKeys: stringList(flags.trustedKey),
  }),
  async run(ctx, opts) {
    const { inspectArtifact } = await import('../../artifacts/index.js');
    const { report } = await inspectArtifact(opts.file, { trustedKeyDigests: opts.trustedKeyDigests, trustedKeys: opts.trustedKeys }, opts.kind);
    ctx.io.result(report, () => renderReport(report as unknown as Record<string, unknown>));
    if (!report.verified) process.exitCode = ExitCode.verification;
  },
});

