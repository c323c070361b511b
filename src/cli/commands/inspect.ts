import type { Command } from 'commander';
import { ValidationError } from '../../errors.js';
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
        ).catch(ioFailure(file!));
        ctx.io.result(report, () => renderReport(report as unknown as Record<string, unknown>));
        if (!report.verified) process.exitCode = 5;
      }),
    );
}

export function ioFailure(file: string) {
  return (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ValidationError(`${file}: no such file`, 'E_NO_FILE');
    if (code === 'EISDIR') throw new ValidationError(`${file} is a directory`, 'E_NO_FILE');
    if (code === 'EACCES') throw new ValidationError(`${file}: permission denied`, 'E_NO_FILE');
    throw err;
  };
}
