import { defineCommand } from '../command-def.js';
import { kindFlag, SECURE_BOOT_OPTIONS, secureBootPins, type ArtifactKindFlag } from '../flags.js';
import { renderReport } from '../render.js';
import { ExitCode } from '../../errors.js';
import { optionTable } from '../options.js';
import { inspectArtifact } from '../../artifacts/index.js';

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
  options: [...optionTable`--kind <kind>  force the artifact kind: apk, esp, file`, ...SECURE_BOOT_OPTIONS],
  examples: ['otactl inspect app-release.apk', 'otactl inspect firmware.bin --json', 'otactl inspect firmware.bin --trusted-key secure-boot-pub.pem'],
  parse: ({ flags, args }) => ({
    file: args[0]!,
    ...(flags.kind === undefined ? {} : { kind: kindFlag(flags.kind) }),
    ...secureBootPins(flags),
  }),
  async run(ctx, opts) {
    const { report } = await inspectArtifact(opts.file, { trustedKeyDigests: opts.trustedKeyDigests, trustedKeys: opts.trustedKeys }, opts.kind);
    ctx.io.result(report, () => renderReport(report as unknown as Record<string, unknown>));
    if (!report.verified) ctx.exitCode = ExitCode.verification;
  },
});

