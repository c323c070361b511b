import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { VerificationError } from '../errors.js';
import { verifyEnvelope } from '../signing/dsse.js';

/** Parses stored JSON, verifies its envelope against the trusted keys, and validates the payload. */
export function openSignedRecord<T extends z.ZodTypeAny>(
  bytes: Buffer,
  what: string,
  payloadType: string,
  schema: T,
  trusted: Map<string, KeyObject>,
): { value: z.infer<T>; body: Buffer } {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VerificationError(`${what} is not valid JSON (damaged or tampered)`, 'E_TAMPERED', { what });
  }
  let body: Buffer;
  try {
    body = verifyEnvelope(raw, payloadType, trusted).body;
  } catch (err) {
    if (err instanceof VerificationError) {
      throw new VerificationError(`${what}: ${err.message}`, err.code, { ...err.details, what });
    }
    throw err;
  }
  return { value: parsePayload(body, what, schema), body };
}

export function parsePayload<T extends z.ZodTypeAny>(body: Buffer, what: string, schema: T): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new VerificationError(`${what}: signed payload is not JSON`, 'E_TAMPERED', { what });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new VerificationError(`${what}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`, 'E_SCHEMA', { what });
  }
  return parsed.data;
}
