import type { Command } from 'commander';
import type { Runner } from '../main.js';
import { collect, stringList } from '../flags.js';
import { renderReport } from '../render.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('inspect')
    .description('what otactl knows about an artifact (APK, ESP image, any file); exits 0 only when it verifies')
    .argument('<file>', 'the artifact')
    .option('--kind <kind>', 'force the artifact kind: apk, esp, file')
    .option('--trusted-key-digest <hex>', 'ESP Secure Boot v2: trusted public key digest (repeatable)', collect)
    .option('--trusted-key <pem>', 'ESP Secure Boot v2: trusted public key file (repeatable)', collect)
    .action(
      run(async (ctx, opts, [file]) => {
        const { inspectArtifact } = await import('../../artifacts/index.js');
        const { report } = await inspectArtifact(
          file!,
          { trustedKeyDigests: stringList(opts.trustedKeyDigest), trustedKeys: stringList(opts.trustedKey) },
          typeof opts.kind === 'string' ? opts.kind : undefined,
        );
        ctx.io.result(report, () => renderReport(report as unknown as Record<string, unknown>));
        if (!report.verified) process.exitCode = 5;
      }),
    );
}
