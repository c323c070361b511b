import type { Command } from 'commander';
import type { Runner } from '../program.js';
import { collect, intFlag, stringList } from '../flags.js';

export function register(program: Command, run: Runner): Command {
  return program
    .command('upload')
    .description('verify an artifact and store it as an immutable build (idempotent: the same bytes give the same build)')
    .argument('<file>', 'APK, ESP firmware image or any binary')
    .option('--app <id>', 'application id (default for an APK: its package name)')
    .option('--version-code <n>', 'monotonic version number devices compare (APK: taken from the APK)')
    .option('--version-name <s>', 'human version (APK: taken from the APK; ESP: the image version)')
    .option('--notes <text>', 'release notes kept in the build record', '')
    .option('--kind <kind>', 'force the artifact kind: apk, esp, file (an app keeps the kind of its first upload)')
    .option('--expect-signer <sha256>', 'APK: pinned signer certificate SHA-256 (repeatable; adds to the config)', collect)
    .option('--partition-size <bytes>', 'ESP: OTA partition size; larger images are refused')
    .option('--trusted-key-digest <hex>', 'ESP Secure Boot v2: trusted key digest (repeatable)', collect)
    .option('--trusted-key <pem>', 'ESP Secure Boot v2: trusted public key file (repeatable)', collect)
    .option('--channel <name>', 'compare versions with this channel only (default: every channel of the app)')
    .option('--allow-lower-version', 'accept a version code not above a channel\'s current build', false)
    .option('--allow-lower-secure-version', 'ESP: accept a secure_version below a channel\'s current build', false)
    .option('--allow-signer-change', 'APK: accept a signer the app\'s builds do not have (recorded in the app record)', false)
    .action(
      run(async (ctx, opts, [file]) => {
        const { upload } = await import('../../release/upload.js');
        const result = await upload(ctx, {
          file: file!,
          app: opts.app as string | undefined,
          kind: opts.kind as string | undefined,
          versionCode: intFlag('--version-code', opts.versionCode),
          versionName: opts.versionName as string | undefined,
          notes: String(opts.notes ?? ''),
          expectSigners: stringList(opts.expectSigner),
          partitionSize: intFlag('--partition-size', opts.partitionSize, 1),
          channel: opts.channel as string | undefined,
          allowLowerVersion: Boolean(opts.allowLowerVersion),
          allowLowerSecureVersion: Boolean(opts.allowLowerSecureVersion),
          allowSignerChange: Boolean(opts.allowSignerChange),
          trustedKeyDigests: stringList(opts.trustedKeyDigest),
          trustedKeys: stringList(opts.trustedKey),
        });
        for (const w of result.warnings) ctx.io.warn(w);
        ctx.io.result(result, () =>
          result.created
            ? `uploaded ${result.build_id}  ${result.app} ${result.version_name} (code ${result.version_code})  sha256 ${result.sha256}`
            : `already stored as ${result.build_id}  ${result.app} ${result.version_name} (code ${result.version_code})  sha256 ${result.sha256}`,
        );
      }),
    );
}
