import { UNSAFE_TEXT } from '../protocol/ids.js';
import { cliText } from './flag-names.js';
/** Human rendering of plain result objects: `key  value` lines, nested lists indented; values made terminal-safe. */
export function renderReport(report: Record<string, unknown>): string {
  const lines: string[] = [];
  const width = Math.max(...Object.keys(report).map((k) => k.length));
  for (const [key, value] of Object.entries(report)) {
    if (key === 'errors' || key === 'warnings') continue;
    lines.push(`${key.padEnd(width)}  ${formatValue(value)}`);
  }
  for (const kind of ['errors', 'warnings'] as const) {
    const list = report[kind];
    if (Array.isArray(list) && list.length > 0) {
      lines.push(`${kind}:`);
      for (const item of list as { code?: string; message?: string }[]) lines.push(`  ${item.code ?? ''}: ${terminalSafe(item.message === undefined ? JSON.stringify(item) : cliText(item.message))}`);
    }
  }
  return lines.join('\n');
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => terminalSafe(String(v))).join(', ');
    return `\n${value.map((v) => `    ${inline(v)}`).join('\n')}`;
  }
  if (typeof value === 'object') return inline(value);
  return terminalSafe(String(value));
}

function inline(v: unknown): string {
  if (v === null || typeof v !== 'object') return terminalSafe(String(v));
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}=${terminalSafe(typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))}`)
    .join(' ');
}

/**
 * Text from a store, an artifact or a flag may hold control characters: a newline forges a line
 * of `otactl history`, an escape sequence drives the terminal, a bidi override reorders what is
 * shown. terminalSafe() makes such text inert for human output; JSON output needs no help
 * (JSON.stringify escapes controls).
 */

// C0 controls, DEL, C1 controls, bidi embeddings/overrides and isolates: the characters an actor may not hold.
const UNSAFE = new RegExp(UNSAFE_TEXT.source, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unsafe character written as an escape: \n, \x1b, \u202e. Backslashes stay as they are. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** True when `text` holds a character terminalSafe() would escape. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

const UNSAFE_ONE = new RegExp(UNSAFE.source);

/** Multi-line human output: each line made safe, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/** A 20-cell bar of a share 0..1. */
export function bar(share: number): string {
  const full = Math.round(Math.min(1, Math.max(0, share)) * 20);
  return `${'█'.repeat(full)}${'░'.repeat(20 - full)}`;
}
