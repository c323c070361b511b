import type { ArtifactFamily } from '../types.js';

/** esp_encrypted_img's header magic (CF B6 88 07). */
export const ENCRYPTED_MAGIC = 0x0788b6cf;

/** ESP images: 0xE9 (ESP32 family, ESP8266 v1), 0xEA (ESP8266 v2) or an esp_encrypted_img header. */
export const espFamily: ArtifactFamily = {
  name: 'esp',
  kinds: ['esp-app', 'esp-bootloader', 'esp8266-app', 'esp-encrypted', 'esp-unknown'],
  extensions: [],
  detect: (head) =>
    head.length >= 1 && (head[0] === 0xe9 || head[0] === 0xea || (head.length >= 4 && head.readUInt32LE(0) === ENCRYPTED_MAGIC)),
  // lazy: `inspect` (fast path, once per artifact in CI) loads only the inspector of the file's family
  load: async () => (await import('./index.js')).espInspector,
};
