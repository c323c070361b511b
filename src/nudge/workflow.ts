/**
 * `nudge(deps, request)`: select the devices, sign one message per device (or one for the
 * channel's topic), send them through a transport under a concurrency limit, and count what
 * happened. Every dependency is explicit (transport, key, clock, randomness, the channel's
 * manifest for --eligible-only, progress), so the CLI is a thin adapter and tests drive it directly.
 */
import { checkTarget, DEVICE_ID_RULE, isDeviceId } from '../protocol/ids.js';
import type { ManifestPayload } from '../protocol/schemas.js';
import { OptionError, TransportError, ValidationError } from '../errors.js';
import { wouldMove } from './eligibility.js';
import { ALL_DEVICES, buildNudge, newRequestId, type NudgeMessage } from '../protocol/nudge-message.js';
import { mapLimited } from './retry.js';
import { mqttUnsafeId } from '../protocol/nudge-topics.js';
import type { NudgeTarget, NudgeTransport, SendOutcome, SendStatus } from './transport.js';

export type DeviceSelection = { kind: 'all' } | { kind: 'devices'; devices: NudgeTarget[] };

export interface NudgeRequest {
  app: string;
  channel: string;
  selection: DeviceSelection;
  /** Wake only listed devices that the channel's current manifest offers its build to. */
  eligibleOnly: boolean;
  /**
   * Send even when the channel has no published manifest (a channel about to be made). Without it
   * such a nudge is refused: it would wake devices to check a manifest that is not there.
   */
  allowUnpublished?: boolean;
  dryRun: boolean;
  concurrency: number;
}

export interface NudgeDeps {
  transport: NudgeTransport;
  key: Buffer;
  now: () => Date;
  random: (bytes: number) => Buffer;
  /** The channel's current (verified) manifest; needed for --eligible-only and, unless allowUnpublished, for any send. */
  currentManifest?: (app: string, channel: string) => Promise<ManifestPayload | null>;
  progress?: (done: number, total: number) => void;
}

export interface NudgeFailure {
  device_id: string;
  status: Exclude<SendStatus, 'sent'>;
  code?: string;
  error?: string;
}

export interface NudgeSummary {
  event: 'ota.nudge.sent';
  app: string;
  channel: string;
  via: NudgeTransport['via'];
  dry_run: boolean;
  /** FCM validate_only: every message was checked by the service and none delivered. */
  validate_only: boolean;
  /** Messages addressed (devices, or 1 for the channel topic). */
  targets: number;
  /** Listed devices left out by --eligible-only. */
  skipped_ineligible: number;
  sent: number;
  failed: number;
  /** Tokens the service no longer knows (FCM UNREGISTERED, webhook 410): remove them. */
  unregistered: number;
  /** Tokens or requests the service refused (FCM INVALID_ARGUMENT, SENDER_ID_MISMATCH, no token). */
  invalid: number;
  /** Attempts after the first, over every message. */
  retried: number;
  failures: NudgeFailure[];
  /** With --dry-run: the signed messages that would have been sent. */
  messages?: NudgeMessage[];
  duration_ms: number;
}

/** Partial: something was not delivered (exit 4). */
export function isPartial(s: NudgeSummary): boolean {
  return s.failed + s.unregistered + s.invalid > 0;
}

export async function nudge(deps: NudgeDeps, req: NudgeRequest): Promise<NudgeSummary> {
  const started = deps.now().getTime();
  // The library holds what the CLI's parsers hold: app and channel name topics and signed tags.
  checkTarget(req.app, req.channel);
  // "*" addresses every device of the channel: a message signed for it is a broadcast, whichever
  // topic it is sent to, so a listed device is never "*" (--all sends one to the channel topic).
  if (req.selection.kind === 'devices' && req.selection.devices.some((t) => t.deviceId === ALL_DEVICES)) {
    throw new ValidationError('"*" is not a device id: a nudge signed for "*" is valid on every device of the channel (use `all` for the whole channel)', 'E_NUDGE_DEVICE_ID', { field: 'all' });
  }
  // Contract 3: a device refuses a nudge whose device_id breaks the rule, so none is signed.
  const listed = req.selection.kind === 'devices' ? req.selection.devices : [];
  const badId = listed.find((t) => !isDeviceId(t.deviceId));
  if (badId) throw new ValidationError(`device id ${JSON.stringify(badId.deviceId.length > 40 ? `${badId.deviceId.slice(0, 40)}...` : badId.deviceId)}: ${DEVICE_ID_RULE}`, 'E_NUDGE_DEVICE_ID');
  if (deps.transport.via === 'mqtt') {
    const unsafe = listed.find((t) => mqttUnsafeId(t.deviceId));
    if (unsafe) throw new ValidationError(`device id "${unsafe.deviceId}" cannot be an MQTT topic level (contains / + # or NUL)`, 'E_NUDGE_DEVICE_ID');
  }
  if (req.selection.kind === 'all' && req.eligibleOnly) throw new OptionError('eligibleOnly', '`eligibleOnly` needs a list of devices (`devices` or `devicesFile`), not `all`');
  // --dry-run contacts nothing, the store included; a real send checks the channel is published.
  const manifest = req.eligibleOnly || (!req.dryRun && !req.allowUnpublished) ? await publishedManifest(deps, req) : null;
  const { targets, skipped } = selectTargets(manifest, req);
  if (targets.length === 0) {
    throw new ValidationError(
      skipped > 0 ? `the current manifest of ${req.app}/${req.channel} would move none of the ${skipped} listed devices; nothing to nudge` : 'no devices selected',
      'E_NUDGE_NO_DEVICES',
      { skipped_ineligible: skipped },
    );
  }
  const issuedAt = Math.floor(deps.now().getTime() / 1000);
  const messages = targets.map((t) =>
    buildNudge(deps.key, { app: req.app, channel: req.channel, deviceId: t.deviceId, issuedAt, requestId: newRequestId(deps.random, req.app, req.channel) }),
  );
  const base = { event: 'ota.nudge.sent' as const, app: req.app, channel: req.channel, via: deps.transport.via, dry_run: req.dryRun, validate_only: deps.transport.validateOnly === true, targets: targets.length, skipped_ineligible: skipped };
  if (req.dryRun) {
    return { ...base, sent: 0, failed: 0, unregistered: 0, invalid: 0, retried: 0, failures: [], messages, duration_ms: deps.now().getTime() - started };
  }

  await deps.transport.open();
  let outcomes: SendOutcome[];
  try {
    let done = 0;
    outcomes = await mapLimited(targets, req.concurrency, async (t, i) => {
      const o = await deps.transport.send(t, messages[i]!);
      deps.progress?.(++done, targets.length);
      return o;
    });
  } finally {
    await deps.transport.close();
  }
  const count = (s: SendStatus) => outcomes.filter((o) => o.status === s).length;
  const summary: NudgeSummary = {
    ...base,
    sent: count('sent'),
    failed: count('failed'),
    unregistered: count('unregistered'),
    invalid: count('invalid'),
    retried: outcomes.reduce((n, o) => n + o.retries, 0),
    failures: outcomes.flatMap((o, i) =>
      o.status === 'sent' ? [] : [{ device_id: targets[i]!.deviceId, status: o.status, ...(o.code ? { code: o.code } : {}), ...(o.error ? { error: o.error } : {}) }],
    ),
    duration_ms: deps.now().getTime() - started,
  };
  if (summary.sent === 0 && outcomes.every((o) => o.unreachable)) {
    throw new TransportError(`${deps.transport.via} endpoint unreachable, nothing was sent: ${outcomes[0]!.error ?? outcomes[0]!.code}`, 'E_NUDGE_UNREACHABLE', {
      retried: summary.retried,
    });
  }
  return summary;
}

/** The channel's manifest; refused when there is none (unless --allow-unpublished without --eligible-only). */
async function publishedManifest(deps: NudgeDeps, req: NudgeRequest): Promise<ManifestPayload | null> {
  if (!deps.currentManifest) throw new Error('nudge needs currentManifest to check the channel');
  const manifest = await deps.currentManifest(req.app, req.channel);
  if (manifest) return manifest;
  if (req.eligibleOnly) throw new ValidationError(`${req.app}/${req.channel} has no published manifest, so no device is eligible`, 'E_NO_CHANNEL');
  if (req.allowUnpublished) return null;
  throw new ValidationError(
    `${req.app}/${req.channel} has no published manifest: a nudge would make devices check for nothing (a typo in \`app\` or \`channel\`?); nothing was sent. Give \`allowUnpublished\` if the channel is about to be published`,
    'E_NO_CHANNEL',
    { app: req.app, channel: req.channel, field: 'allowUnpublished' },
  );
}

function selectTargets(manifest: ManifestPayload | null, req: NudgeRequest): { targets: NudgeTarget[]; skipped: number } {
  if (req.selection.kind === 'all') {
    return { targets: [{ deviceId: ALL_DEVICES }], skipped: 0 };
  }
  const listed = req.selection.devices;
  if (!req.eligibleOnly || !manifest) return { targets: listed, skipped: 0 };
  const targets = listed.filter((t) => wouldMove(manifest, t));
  return { targets, skipped: listed.length - targets.length };
}
