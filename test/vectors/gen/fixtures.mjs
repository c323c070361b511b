// Building blocks of the device conformance vectors: the contracts of DESIGN.md re-implemented with
// node:crypto only. Nothing here imports src/: the vectors check the clients, they are not derived
// from one of them.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MANIFEST_TYPE = 'application/vnd.otactl.manifest+json';
export const RELEASE_TYPE = 'application/vnd.otactl.release+json';

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
export const hex64 = (label) => sha256(Buffer.from(label, 'utf8')).toString('hex');

// ---- cohort (DESIGN.md), independently --------------------------------------------------------
export const cohortDigest = (salt, id) => sha256(Buffer.concat([Buffer.from(salt, 'utf8'), Buffer.from([0x3a]), Buffer.from(id, 'utf8')]));
export const bucketOf = (salt, id) => cohortDigest(salt, id).readUInt32BE(0) % 10000;

/** The first id `${prefix}${n}` whose bucket under salt satisfies pred. */
export function findDevice(salt, prefix, pred) {
  for (let n = 0; n < 1_000_000; n++) {
    if (pred(bucketOf(salt, `${prefix}${n}`))) return `${prefix}${n}`;
  }
  throw new Error(`no device ${prefix}* found`);
}

// ---- DSSE (DESIGN.md), independently ----------------------------------------------------------
export function pae(type, body) {
  const t = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `, 'ascii'), t, Buffer.from(` ${body.length} `, 'ascii'), body]);
}

/** The TEST-ONLY keys of test/vectors/keys (see its README): name -> { privateKey, spki, keyid }. */
export function loadKeys() {
  const keys = {};
  for (const name of ['a', 'b', 'rogue']) {
    const pem = readFileSync(fileURLToPath(new URL(`../keys/test-only-${name}.pem`, import.meta.url)), 'utf8');
    const privateKey = createPrivateKey(pem);
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    keys[name] = { privateKey, spki, keyid: sha256(spki).toString('hex') };
  }
  return keys;
}

/**
 * ECDSA signatures are randomized, so a re-run would rewrite every signature. The signer first looks
 * for a signature in `previous` (base64 strings from the checked-in files) that verifies over the
 * same message with the same key and reuses it: an unchanged case renders byte for byte the same.
 */
export function makeSigner(keys, previous) {
  const made = [];
  // accept: a property the base64 must have (a case that needs "=" padding, or "+" and "/").
  return (keyName, message, accept = () => true) => {
    const key = keys[keyName];
    previous = [...made, ...previous];
    const pub = createPublicKey(key.privateKey);
    for (const sig of previous) {
      try {
        if (accept(sig) && verify('sha256', message, pub, Buffer.from(sig, 'base64'))) return sig;
      } catch {
        // not a DER signature: keep looking
      }
    }
    for (let n = 0; n < 1000; n++) {
      const fresh = sign('sha256', message, key.privateKey).toString('base64');
      made.push(fresh);
      if (accept(fresh)) return fresh;
    }
    throw new Error('no signature with the wanted base64 found');
  };
}

// ---- manifests -------------------------------------------------------------------------------
export const SALT = '5a1t5a1t5a1t5a1t';

/** A build reference; build_id and sha256 are derived from the version code unless given. */
export function buildRef(versionCode, over = {}) {
  return {
    build_id: `b-${hex64(`build ${versionCode}`).slice(0, 16)}`,
    kind: 'apk',
    version_code: versionCode,
    version_name: `1.0.${versionCode}`,
    url: `../artifacts/${versionCode}.apk`,
    sha256: hex64(`artifact ${versionCode}`),
    size: 30_000_000,
    signer_fingerprint: hex64('release signer'),
    chip: null,
    secure_version: null,
    ...over,
  };
}

/** A complete manifest payload, every field present (as `otactl` publishes it). */
export function manifest(o = {}) {
  const build = o.build ?? buildRef(200);
  return {
    schema_version: 1,
    app: 'com.example.agent',
    channel: o.channel ?? 'stable',
    sequence: o.sequence ?? 7,
    issued_at: o.issuedAt ?? '2026-01-01T00:00:00.000Z',
    expires_at: o.expiresAt ?? '2026-01-08T00:00:00.000Z',
    salt: o.salt ?? SALT,
    build: { ...build, wifi_only: o.wifiOnly ?? true, must_install: o.mustInstall ?? false, staged_rollout_percent: o.percent ?? 10 },
    last_safe: o.lastSafe ?? null,
    canary: { tags: o.canaryTags ?? [], device_sha256: o.canaryDeviceSha256 ?? [] },
    force_downgrade: o.forceDowngrade ?? false,
    rolled_back_from: o.rolledBackFrom ?? null,
    constraints: {
      min_battery: o.minBattery ?? 30,
      defer_in_call: o.deferInCall ?? true,
      // Format 1.2: optional; absent means any time.
      ...(o.installWindow ? { install_window: o.installWindow } : {}),
    },
    gating: {
      models: o.models ?? [],
      chips: o.chips ?? [],
      min_current_version: o.minCurrentVersion ?? null,
      intermediate: o.intermediate ?? null,
    },
    change: hex64('change record'),
    // Format 1.1: the app record the manifest was signed under (docs/manifest.md); devices ignore it.
    ...(o.appRecord ? { app_record: o.appRecord } : {}),
  };
}
