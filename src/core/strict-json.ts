/**
 * One reading of a JSON text (DESIGN.md contracts 1 and 2): a member name that appears twice in
 * one object (compared after unescaping, so "a" and "\u0061" are the same name) or nesting deeper
 * than a bound makes the text malformed. Parsers disagree on which duplicate wins (cJSON the first,
 * JSON.parse the last), so a document signed once could be read two ways; and a recursive parser
 * on a device can run out of stack on `[[[[...`. The check is a single linear scan with an explicit
 * stack (no recursion), done before JSON.parse sees the text. Pure: text in, value or reason out.
 */

/** Device-facing documents (DSSE envelope, manifest payload, nudge message) nest at most this deep. */
export const DEVICE_JSON_MAX_DEPTH = 8;

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses `text` as JSON, refusing duplicate member names and, with `maxDepth`, nesting deeper than
 * it (each object or array is one level; the top-level value is level 1; brackets inside strings
 * do not count). Syntax errors are JSON.parse's to find, after the scan.
 */
export function parseStrictJson(text: string, maxDepth = Infinity): StrictJsonResult {
  const scan = scanJson(text, maxDepth);
  if (scan !== null) return { ok: false, reason: scan };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

interface Frame {
  /** Names seen in this object; null for an array. */
  names: Set<string> | null;
  /** In an object: the next string is a member name. */
  expectName: boolean;
}

/** The reason the text is refused, or null. Text that is not JSON at all is left to JSON.parse. */
function scanJson(text: string, maxDepth: number): string | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return null; // unterminated: JSON.parse says so
      const top = stack.at(-1);
      if (top?.names && top.expectName) {
        let name: string;
        try {
          name = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return null; // a bad escape: JSON.parse says so
        }
        if (top.names.has(name)) return `duplicate member name ${JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name)}`;
        top.names.add(name);
        top.expectName = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length + 1 > maxDepth) return `nested deeper than ${maxDepth} levels`;
      stack.push({ names: c === 0x7b ? new Set() : null, expectName: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.names) top.expectName = true;
    }
  }
  return null;
}

/** Index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}
