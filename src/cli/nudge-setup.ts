/**
 * What `otactl nudge` reads before the workflow runs: the HMAC key, the devices, and the
 * transport's settings, each with flags > env vars > config file precedence.
 */
import { readRegularFile } from '../util/regular-file.js';
import { resolve } from 'node:path';
import { UsageError, ValidationError } from '../errors.js';
import { parseDevicesFile } from '../nudge/devices-file.js';
import { DEFAULT_FCM_BASE_URL, FcmTransport, parseServiceAccount } from '../nudge/fcm.js';
import { parseHmacKey } from '../nudge/key.js';
import { MqttTransport } from '../nudge/mqtt.js';
import { DEFAULT_RETRY, realRetryDeps } from '../nudge/retry.js';
import type { NudgeTransport } from '../nudge/transport.js';
import { WebhookTransport } from '../nudge/webhook.js';
import { registerSecret } from '../util/redact.js';
import type { DeviceSelection, NudgeSummary } from '../nudge/workflow.js';
import type { NudgeOptions } from './commands/nudge.js';
import type { CliContext } from './context.js';
import { resolveFrom } from './config.js';
import { cliText } from './flag-names.js';

export const DEFAULT_KEY_ENV = 'OTACTL_NUDGE_HMAC_KEY';

async function readInput(path: string, what: string, code: ConstructorParameters<typeof ValidationError>[1]): Promise<Buffer> {
  try {
    return await readRegularFile(path);
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, code, { path });
  }
}

/**
 * --hmac-key-file > $OTACTL_NUDGE_HMAC_KEY (or the env var config nudge.hmac_key_env names) > config
 * nudge.hmac_key_file. What is read is registered as a secret before it is checked: no output
 * shows it, even a key that is refused.
 */
export async function nudgeKey(ctx: CliContext, flagPath: string | undefined): Promise<Buffer> {
  const secret = (bytes: Buffer): Buffer => {
    registerSecret(bytes);
    registerSecret(bytes.toString('latin1'));
    return bytes;
  };
  // The key itself given where its file's path or its variable's name goes (`--hmac-key-file "$KEY"`):
  // a secret, never quoted back.
  const keyInPlaceOfName = (name: string | undefined): void => {
    if (name !== undefined && /^[0-9a-fA-F]{32,}$/.test(name.trim())) registerSecret(name);
  };
  if (flagPath !== undefined) {
    keyInPlaceOfName(flagPath);
    const path = resolve(ctx.cwd, flagPath);
    return secret(parseHmacKey(secret(await readInput(path, 'the HMAC key file', 'E_NUDGE_KEY')), path));
  }
  const cfg = await ctx.config();
  keyInPlaceOfName(cfg.file.nudge?.hmac_key_env);
  keyInPlaceOfName(cfg.file.nudge?.hmac_key_file);
  const envName = cfg.file.nudge?.hmac_key_env ?? DEFAULT_KEY_ENV;
  const fromEnv = ctx.env[envName];
  if (fromEnv) return secret(parseHmacKey(secret(Buffer.from(fromEnv)), `$${envName}`, true));
  if (cfg.file.nudge?.hmac_key_file) {
    const path = resolveFrom(cfg.dir, cfg.file.nudge.hmac_key_file, ctx.env);
    return secret(parseHmacKey(secret(await readInput(path, 'the HMAC key file', 'E_NUDGE_KEY')), path));
  }
  throw new ValidationError(`no nudge HMAC key: give --hmac-key-file, set $${envName} (hex) or config nudge.hmac_key_file`, 'E_NUDGE_KEY');
}

export async function deviceSelection(ctx: CliContext, opts: NudgeOptions): Promise<DeviceSelection> {
  const s = opts.selection;
  if (s.kind === 'all') return s;
  if (s.kind === 'devices') {
    if (opts.via === 'fcm') throw new UsageError('FCM needs each device\'s token: give --devices-file with device_id,token lines (or --all for the topic)');
    return { kind: 'devices', devices: s.ids.map((deviceId) => ({ deviceId })) };
  }
  const path = resolve(ctx.cwd, s.path);
  const devices = parseDevicesFile((await readInput(path, 'the devices file', 'E_NUDGE_DEVICES_FILE')).toString('utf8'), path, opts.via === 'fcm');
  if (devices.length === 0) throw new ValidationError(`${path} lists no devices`, 'E_NUDGE_NO_DEVICES');
  return { kind: 'devices', devices };
}

/** Builds the transport from flags, env and config; reads its files, connects nothing. */
export async function transport(ctx: CliContext, opts: NudgeOptions): Promise<NudgeTransport> {
  const cfg = await ctx.config();
  const env = ctx.env;
  const deps = { ...realRetryDeps, fetch: globalThis.fetch, nowMs: () => ctx.now().getTime() };
  if (opts.via === 'mqtt') {
    const m = cfg.file.mqtt ?? {};
    const url = opts.mqttUrl ?? env.OTACTL_MQTT_URL ?? m.url;
    if (!url) throw new ValidationError('no MQTT broker: give --mqtt-url, set $OTACTL_MQTT_URL or config mqtt.url', 'E_MQTT_URL');
    const pem = async (p: string | undefined, what: string) => (p ? readInput(resolveFrom(cfg.dir, p, env), what, 'E_MQTT_TLS') : undefined);
    const [ca, cert, key] = await Promise.all([pem(m.ca, 'the MQTT CA file'), pem(m.cert, 'the MQTT client certificate'), pem(m.key, 'the MQTT client key')]);
    return new MqttTransport({
      url,
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      ...((opts.connectTimeoutMs ?? m.connect_timeout_ms) ? { connectTimeoutMs: opts.connectTimeoutMs ?? m.connect_timeout_ms } : {}),
    });
  }
  if (opts.via === 'webhook') {
    const url = opts.webhookUrl ?? env.OTACTL_NUDGE_WEBHOOK_URL ?? cfg.file.webhook?.url;
    // Whether it is http(s) is the transport's rule; here only whether one was given anywhere.
    if (!url) throw new ValidationError('no webhook URL: give --webhook-url, set $OTACTL_NUDGE_WEBHOOK_URL or config webhook.url', 'E_WEBHOOK_URL');
    const timeoutMs = opts.webhookTimeoutMs ?? cfg.file.webhook?.timeout_ms;
    return new WebhookTransport({ url, retry: DEFAULT_RETRY, deps, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  }
  const f = cfg.file.fcm ?? {};
  const credPath = opts.fcmCredentials
    ? resolve(ctx.cwd, opts.fcmCredentials)
    : env.GOOGLE_APPLICATION_CREDENTIALS
      ? resolve(ctx.cwd, env.GOOGLE_APPLICATION_CREDENTIALS)
      : f.credentials
        ? resolveFrom(cfg.dir, f.credentials, env)
        : undefined;
  if (!credPath) throw new ValidationError('no FCM service account: give --fcm-credentials, set $GOOGLE_APPLICATION_CREDENTIALS or config fcm.credentials', 'E_FCM_CREDENTIALS');
  const account = parseServiceAccount((await readInput(credPath, 'the FCM service-account file', 'E_FCM_CREDENTIALS')).toString('utf8'), credPath);
  const tokenUri = env.OTACTL_FCM_TOKEN_URI ?? f.token_uri;
  return new FcmTransport({
    account: f.project_id ? { ...account, project_id: f.project_id } : account,
    baseUrl: env.OTACTL_FCM_BASE_URL ?? f.base_url ?? DEFAULT_FCM_BASE_URL,
    ...(tokenUri ? { tokenUri } : {}),
    validateOnly: opts.validateOnly,
    retry: DEFAULT_RETRY,
    deps,
  });
}

const SHOWN = 20;

export function renderSummary(s: NudgeSummary): string {
  const lines: string[] = [];
  const skipped = s.skipped_ineligible > 0 ? `, ${s.skipped_ineligible} listed devices skipped (the current manifest would not move them)` : '';
  if (s.validate_only) lines.push('validate only: FCM checked every message and delivered none');
  if (s.dry_run) {
    lines.push(`dry run: ${s.targets} message(s) via ${s.via} for ${s.app}/${s.channel} would be sent${skipped}:`);
    for (const m of s.messages!.slice(0, SHOWN)) lines.push(`  ${JSON.stringify(m)}`);
    if (s.targets > SHOWN) lines.push(`  ... and ${s.targets - SHOWN} more (--json lists all)`);
    return lines.join('\n');
  }
  lines.push(
    `nudged ${s.app}/${s.channel} via ${s.via}: ${s.sent} sent, ${s.failed} failed, ${s.unregistered} unregistered, ${s.invalid} invalid, ${s.retried} retried${skipped}`,
  );
  for (const f of s.failures.slice(0, SHOWN)) lines.push(`  ${f.status}: ${f.device_id}${f.code ? ` (${f.code})` : ''}${f.error ? `: ${cliText(f.error)}` : ''}`);
  if (s.failures.length > SHOWN) lines.push(`  ... and ${s.failures.length - SHOWN} more (--json lists all)`);
  return lines.join('\n');
}
