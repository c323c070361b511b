/**
 * One reading of every signed or stored JSON document (docs/design.md, contracts 1 and 2): parsers
 * disagree on which of two equal member names wins (cJSON the first, JSON.parse the last), so a
 * document with a duplicate name is malformed, never read either way. Device-facing documents
 * (DSSE envelope, manifest payload, nudge message) are also bounded in nesting, as the C core
 * bounds them before cJSON sees the bytes: each object or array is one level, the top-level
 * value is level 1.
 */

/** The nesting bound of device-facing documents (the C and Kotlin clients use the same). */
export const DEVICE_JSON_MAX_DEPTH = 8;

export type StrictJsonProblem = 'not_utf8' | 'syntax' | 'duplicate_key' | 'too_deep';

export class StrictJsonError extends Error {
  constructor(
    readonly problem: StrictJsonProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StrictJsonError';
  }
}

export interface StrictJsonOptions {
  /**
   * A device-facing document: refuse nesting deeper than this, and the escapes a byte-oriented
   * client cannot hold (`\u0000`, an unpaired surrogate; see checkDeviceText). Omit for stored
   * documents: no bound beyond the parser's own.
   */
  maxDepth?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict reading of bytes: well-formed UTF-8 (no BOM, no replacement), then parseStrictJson. */
export function parseStrictJsonBytes(bytes: Uint8Array, options: StrictJsonOptions = {}): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new StrictJsonError('not_utf8', 'not well-formed UTF-8');
  }
  return parseStrictJson(text, options);
}

/**
 * JSON.parse, refusing any object with two members of the same name (compared after unescaping)
 * and, with maxDepth, any nesting deeper than it. The depth is checked first, by a linear scan
 * that keeps no recursion, so a hostile `[[[[...` costs one pass.
 */
export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  if (options.maxDepth !== undefined) checkDeviceText(text, options.maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StrictJsonError('syntax', (err as Error).message);
  }
  checkDuplicateNames(text);
  return value;
}

/** The code unit of the `\uXXXX` escape whose `u` is at text[i], or -1 when it is not one. */
function escapedUnit(text: string, i: number): number {
  const hex = text.slice(i + 1, i + 5);
  return text[i] === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex) ? parseInt(hex, 16) : -1;
}

/**
 * Depth of brackets outside strings; works on any text (run before the parser). Inside strings,
 * `\u0000` and an unpaired surrogate escape are refused: the C client keeps strings NUL-terminated
 * (cJSON cuts "a\u0000b" to "a", so two names could be one there) and cJSON refuses a lone
 * surrogate, so every client refuses both in a device-facing document (docs/vectors.md).
 */
function checkDeviceText(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++; // backslash: skip the escaped character (a quote cannot end the string)
        const unit = escapedUnit(text, i);
        if (unit === -1) continue; // not a \u escape, or a malformed one: JSON.parse refuses that
        const high = unit >= 0xd800 && unit <= 0xdbff;
        const low = high && text[i + 5] === '\\' ? escapedUnit(text, i + 6) : -1;
        if (unit === 0 || (unit >= 0xdc00 && unit <= 0xdfff) || (high && !(low >= 0xdc00 && low <= 0xdfff))) {
          throw new StrictJsonError('syntax', 'a \\u0000 or unpaired surrogate escape, which device clients cannot hold');
        }
        i += high ? 10 : 4; // past the escape (and its low half)
      } else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new StrictJsonError('too_deep', `nested deeper than ${maxDepth} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/**
 * A linear scan of text that JSON.parse accepted: every object keeps the set of its member names;
 * a name is unescaped (by JSON.parse of its literal) before it is compared.
 */
function checkDuplicateNames(text: string): void {
  // One frame per open container: the names seen so far (null for an array) and whether the next
  // string in it is a member name.
  const names: (Set<string> | null)[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; ; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = names[names.length - 1];
      if (top && expectName) {
        const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (top.has(name)) throw new StrictJsonError('duplicate_key', `duplicate member name ${JSON.stringify(name.slice(0, 64))}`);
        top.add(name);
        expectName = false;
      }
    } else if (c === 0x7b) {
      names.push(new Set());
      expectName = true;
    } else if (c === 0x5b) {
      names.push(null);
      expectName = false;
    } else if (c === 0x7d || c === 0x5d) {
      names.pop();
      expectName = false;
    } else if (c === 0x2c) {
      expectName = names.length > 0 && names[names.length - 1] !== null;
    }
  }
}
