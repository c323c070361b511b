import { MAX_MANIFEST_BYTES, type ArtifactFamilyName, type ManifestPayload } from '../protocol/schemas.js';
import { ValidationError } from '../errors.js';

/**
 * The largest signed manifest envelope (bytes, as fetched) each device agent reads. A manifest
 * above an agent's cap is refused by every such device, so publishing one stops the channel.
 */
export const DEVICE_MANIFEST_CAPS = {
  /** templates/esp-idf OTA_MAX_MANIFEST_BYTES: a body of exactly the cap is read. */
  'esp-idf': 16 * 1024,
  /** templates/arduino-esp8266 OTACTL_MAX_MANIFEST_BYTES (8 KiB): a body that fills the buffer is refused. */
  'arduino-esp8266': 8 * 1024 - 1,
  /** templates/android OtaWorker.MAX_MANIFEST_BYTES, as the TypeScript agent. */
  android: 1 << 20,
  /** src/device/manifest.ts. */
  typescript: MAX_MANIFEST_BYTES,
} as const;

/**
 * ESP firmware: the smallest cap of the ESP agents. WHY not the chip's own agent: an `esp` app
 * may hold ESP32 and ESP8266 builds, and the manifest does not say which agent fetches it.
 */
export const ESP_MANIFEST_CAP = Math.min(DEVICE_MANIFEST_CAPS['esp-idf'], DEVICE_MANIFEST_CAPS['arduino-esp8266']);
/** Every other kind: the Android and TypeScript agents' cap. */
export const OTHER_MANIFEST_CAP = Math.min(DEVICE_MANIFEST_CAPS.android, DEVICE_MANIFEST_CAPS.typescript);

/**
 * The envelope size against the devices of the app's kind: an `esp` manifest over the ESP cap is
 * refused (E_MANIFEST_TOO_LARGE, before anything is written); any other over the Android/TS cap
 * gives a warning (returned), since the kind does not say which agent reads it. Null: it fits.
 */
export function checkManifestSize(family: ArtifactFamilyName | null, envelopeBytes: number, manifest: ManifestPayload): string | null {
  const esp = family === 'esp';
  const cap = esp ? ESP_MANIFEST_CAP : OTHER_MANIFEST_CAP;
  if (envelopeBytes <= cap) return null;
  const agents = esp
    ? `ESP devices read at most ${cap} (the ESP8266 agent; ESP-IDF: ${DEVICE_MANIFEST_CAPS['esp-idf']})`
    : `Android and TypeScript agents read at most ${cap}`;
  const what = `the signed manifest of ${manifest.app}/${manifest.channel} is ${envelopeBytes} bytes; ${agents}: trim ${trimHint(manifest)}`;
  if (esp) throw new ValidationError(`refusing to publish: ${what}`, 'E_MANIFEST_TOO_LARGE', { bytes: envelopeBytes, cap });
  return `${what} (devices refuse a manifest above their cap)`;
}

/** What makes a manifest large: the canary lists first, then the longest texts. */
function trimHint(m: ManifestPayload): string {
  const ids = m.canary.device_sha256.length;
  const tagBytes = m.canary.tags.reduce((n, t) => n + Buffer.byteLength(t) + 4, 0);
  const parts = [
    ...(ids > 0 ? [`the canary device ids (${ids}, about ${ids * 100} bytes signed)`] : []),
    ...(tagBytes > 0 ? [`the canary tags (${m.canary.tags.length}, about ${Math.ceil((tagBytes * 4) / 3)} bytes signed)`] : []),
    'long version names, URLs or gating lists',
  ];
  return parts.join(', ');
}
