/**
 * The string literals of the sources, for tests that hold a rule over every message. A small
 * lexer (TypeScript 7 ships no JavaScript compiler API): comments are skipped, '...' and "..."
 * are literals, a template literal is one literal with each substitution written VALUE, and a
 * `/` where an expression starts opens a regular expression, skipped like a comment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Characters after which `/` starts a regular expression rather than dividing. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^']);

export function literals(file: string): string[] {
  const s = readFileSync(file, 'utf8');
  const out: string[] = [];
  let i = 0;
  let last = ''; // the last significant code character

  /** A template literal from after its opening backtick; returns its text, `i` after the closing one. */
  const template = (): string => {
    let text = '';
    while (i < s.length && s[i] !== '`') {
      if (s[i] === '\\') {
        text += unescape(s[i + 1]!);
        i += 2;
      } else if (s[i] === '$' && s[i + 1] === '{') {
        i += 2;
        code(1);
        text += 'VALUE';
      } else text += s[i++];
    }
    i++;
    return text;
  };

  /** Code until the brace that closes `depth` open ones (0: to the end). */
  const code = (depth: number): void => {
    let open = depth;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '/' && s[i + 1] === '/') {
        while (i < s.length && s[i] !== '\n') i++;
      } else if (c === '/' && s[i + 1] === '*') {
        i = s.indexOf('*/', i + 2) + 2;
      } else if (c === "'" || c === '"') {
        let text = '';
        i++;
        while (s[i] !== c) {
          if (s[i] === '\\') {
            text += unescape(s[i + 1]!);
            i += 2;
          } else text += s[i++];
        }
        i++;
        out.push(text);
        last = c;
      } else if (c === '`') {
        i++;
        out.push(template());
        last = '`';
      } else if (c === '/' && (last === '' || BEFORE_REGEX.has(last) || /\b(return|typeof|of|in)$/.test(s.slice(Math.max(0, i - 8), i).trimEnd()))) {
        i++;
        let inClass = false;
        while (i < s.length && (inClass || s[i] !== '/')) {
          if (s[i] === '\\') i++;
          else if (s[i] === '[') inClass = true;
          else if (s[i] === ']') inClass = false;
          i++;
        }
        i++;
        last = ')';
      } else {
        if (c === '{') open++;
        if (c === '}' && --open === 0 && depth > 0) {
          i++;
          return;
        }
        if (!/\s/.test(c)) last = c;
        i++;
      }
    }
  };

  code(0);
  return out;
}

function unescape(c: string): string {
  return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c;
}
