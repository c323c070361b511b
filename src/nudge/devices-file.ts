/**
 * The devices file: one device a line, `device_id[,fcm_token[,current_version_code]]` (the token
 * empty when the transport needs none: `esp-1,,2000100`). Blank lines and lines
 * starting with `#` are ignored; nothing is trimmed but a trailing CR (a device id is used exactly
 * as the device reports it). Errors name the line.
 */
import { DEVICE_ID_MAX_BYTES, isDeviceId } from '../protocol/ids.js';
import { ValidationError } from '../errors.js';
import type { NudgeTarget } from './transport.js';

const FCM_TOKEN = /^[A-Za-z0-9_:.\-]{1,4096}$/;
/** A version code as manifests carry it: a non-negative integer (Android's fit in 31 bits). */
const VERSION_CODE = /^(?:0|[1-9]\d{0,14})$/;

export function parseDevicesFile(text: string, source: string, needTokens: boolean): NudgeTarget[] {
  const out: NudgeTarget[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const n = i + 1;
    const bad = (why: string): never => {
      throw new ValidationError(`${source}:${n}: ${why}`, 'E_NUDGE_DEVICES_FILE', { file: source, line: n });
    };
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(',');
    if (fields.length > 3) bad(`expected device_id[,token[,current_version_code]], found ${fields.length} fields`);
    const [deviceId, tokenField, versionField] = fields as [string, string | undefined, string | undefined];
    // With a version column the token may be left empty (MQTT and webhook need none).
    const token = versionField !== undefined && tokenField === '' ? undefined : tokenField;
    if (deviceId === '') bad('empty device id');
    if (n === 1 && deviceId.startsWith('\uFEFF')) bad('the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without BOM');
    const spacing = deviceIdSpacing(deviceId);
    if (spacing) bad(spacing);
    if (/[\u0000-\u001f\u007f]/.test(deviceId)) bad('device id contains a control character');
    if (!isDeviceId(deviceId)) bad(`device id longer than ${DEVICE_ID_MAX_BYTES} bytes of UTF-8`);
    if (deviceId === '*') bad('"*" is not a device id (use `all` for the whole channel)');
    if (token !== undefined && !FCM_TOKEN.test(token)) bad('the token is empty or has characters an FCM token never has');
    if (needTokens && token === undefined) bad(`no FCM token for ${deviceId} (use device_id,token)`);
    if (versionField !== undefined && !VERSION_CODE.test(versionField)) bad(`current_version_code "${versionField}" is not a whole number`);
    const seen = firstLine.get(deviceId);
    if (seen !== undefined) bad(`device ${deviceId} is already listed on line ${seen}`);
    firstLine.set(deviceId, n);
    out.push({ deviceId, ...(token !== undefined ? { token } : {}), ...(versionField !== undefined ? { currentVersionCode: Number(versionField) } : {}) });
  }
  return out;
}

/** Why a devices-file id is refused for its whitespace, or null: blank, or whitespace at either end. */
function deviceIdSpacing(id: string): string | null {
  if (id.trim() === '') return `blank device id ${JSON.stringify(id)} (only whitespace)`;
  if (id !== id.trim()) return `device id ${JSON.stringify(id)} has whitespace at its start or end; ids are used exactly as written, never trimmed`;
  return null;
}
