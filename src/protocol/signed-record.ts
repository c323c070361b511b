import type { KeyObject } from 'node:crypto';
import * as z from './zod.js';
import { MANIFEST_PAYLOAD_TYPE } from './schemas.js';
import { DEVICE_JSON_MAX_DEPTH } from './strict-json.js';
import { VerificationError } from '../errors.js';
import { openEnvelope } from './dsse.js';

/**
 * Reads stored JSON strictly (one reading: a duplicate member name is damage), verifies its
 * envelope against the trusted keys, and validates the payload. A manifest is device-facing:
 * its envelope and payload are also bounded to the devices' nesting depth.
 */
export function openSignedRecord<T extends z.ZodTypeAny>(
  bytes: Buffer,
  what: string,
  payloadType: string,
  schema: T,
  trusted: Map<string, KeyObject>,
): { value: z.infer<T>; body: Buffer } {
  let opened;
  try {
    opened = openEnvelope(bytes, payloadType, trusted, payloadType === MANIFEST_PAYLOAD_TYPE ? DEVICE_JSON_MAX_DEPTH : undefined);
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    // Not JSON, or JSON with two readings (a duplicate name, a splice): damage, not a bad key.
    if (err.details.problem !== undefined) {
      throw new VerificationError(`${what} is not valid JSON (damaged or tampered): ${err.message}`, 'E_TAMPERED', { what, problem: err.details.problem });
    }
    throw new VerificationError(`${what}: ${err.message}`, err.code, { ...err.details, what });
  }
  return { value: validatePayload(opened.json, what, schema), body: opened.body };
}

function validatePayload<T extends z.ZodTypeAny>(json: unknown, what: string, schema: T): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new VerificationError(`${what}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`, 'E_SCHEMA', { what });
  }
  return parsed.data;
}
