import { basename } from 'node:path';
import type { UploadRequest } from '../../release/upload.js';
import { defineCommand } from '../command-def.js';
import { intFlag, kindFlag, SECURE_BOOT_OPTIONS, secureBootPins, stringList } from '../flags.js';
import { optionTable } from '../options.js';
import { upload } from '../../release/upload.js';

type UploadOptions = Omit<UploadRequest, 'policy'>;

export const command = defineCommand<UploadOptions>({
  name: 'upload',
  description: 'verify an artifact and store it as an immutable build (idempotent: the same bytes give the same build)',
  args: [{ name: 'file', description: 'APK, ESP firmware image or any binary' }],
  options: [
    ...optionTable`
      --app <id>                application id (default for an APK: its package name)
      --version-code <n>        monotonic version number devices compare (APK: taken from the APK)
      --version-name <s>        human version (APK: taken from the APK; ESP: the image version)
      --notes <text>            release notes kept in the build record  [default: ""]
      --kind <kind>             force the artifact kind: apk, esp, file (an app keeps the kind of its first upload)
      --expect-signer <sha256>  APK: pinned signer certificate SHA-256 (repeatable; adds to the config)  [repeatable]
      --partition-size <bytes>  ESP: OTA partition size; larger images are refused
    `,
    ...SECURE_BOOT_OPTIONS,
    ...optionTable`
      --channel <name>              compare versions with this channel only (default: every channel of the app)
      --allow-lower-version         accept a version code not above a channel's current build  [default: false]
      --allow-lower-secure-version  ESP: accept a secure_version below a channel's current build  [default: false]
      --allow-signer-change         APK: accept a signer the app's builds do not have (recorded in the app record)  [default: false]
    `,
  ],
  examples: [
    'otactl upload app-release.apk',
    'otactl upload firmware.bin --app sensor --partition-size 1572864',
    'otactl upload tool.tar.gz --app tools --kind file --version-code 7 --version-name 1.0.7 --json',
  ],
  parse: ({ flags, args }) => {
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const opt = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    return {
      file: args[0]!,
      ...opt('app', str(flags.app)),
      ...opt('kind', flags.kind === undefined ? undefined : kindFlag(flags.kind)),
      ...opt('versionCode', intFlag('--version-code', flags.versionCode)),
      ...opt('versionName', str(flags.versionName)),
      notes: str(flags.notes) ?? '',
      expectSigners: stringList(flags.expectSigner),
      ...opt('partitionSize', intFlag('--partition-size', flags.partitionSize, 1)),
      ...opt('channel', str(flags.channel)),
      allowLowerVersion: flags.allowLowerVersion === true,
      allowLowerSecureVersion: flags.allowLowerSecureVersion === true,
      allowSignerChange: flags.allowSignerChange === true,
      ...secureBootPins(flags),
    };
  },
  async run(ctx, opts) {
    const cfg = await ctx.config();
    const deps = await ctx.releaseDeps();
    const result = await upload(
      { ...deps, wait: (what, work) => ctx.io.whileSpinning(what, work), progress: ctx.io.progress(`uploading ${basename(opts.file)}`), onWarning: (w) => ctx.io.warn(w) },
      { ...opts, policy: (app) => cfg.file.apps[app] },
    );
    for (const w of result.warnings) ctx.io.warn(w);
    ctx.io.result(result, () =>
      result.created
        ? `uploaded ${result.build_id}  ${result.app} ${result.version_name} (code ${result.version_code})  sha256 ${result.sha256}`
        : `already stored as ${result.build_id}  ${result.app} ${result.version_name} (code ${result.version_code})  sha256 ${result.sha256}`,
    );
  },
});
