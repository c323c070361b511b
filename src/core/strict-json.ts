/**
 * One reading of every signed or stored JSON document (DESIGN.md, contracts 1 and 2): parsers
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
  /** Refuse nesting deeper than this (omit: no bound beyond the parser's own). */
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
  if (options.maxDepth !== undefined) checkDepth(text, options.maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StrictJsonError('syntax', (err as Error).message);
  }
  checkDuplicateNames(text);
  return value;
}

/** Depth of brackets outside strings; works on any text (run before the parser). */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character (a quote cannot end the string)
      else if (c === 0x22) inString = false;
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
