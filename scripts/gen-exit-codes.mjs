#!/usr/bin/env node
// Regenerates the tables of docs/exit-codes.md from the error catalogue (src/errors.ts, built to
// dist/errors.js): every exit code with its meaning, and every error code with its exit code and
// hint. The prose outside the markers is hand-written and kept. `--check` exits 1 when the file
// is out of date instead of writing.
import { fileURLToPath } from 'node:url';
import { refreshDoc } from './lib/generated-doc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = `${root}docs/exit-codes.md`;
const BEGIN = '<!-- BEGIN generated from src/errors.ts: npm run docs:errors -->';
const END = '<!-- END generated -->';

export async function tables() {
  const { ExitCode, EXIT_MEANINGS, ERRORS } = await import(`${root}dist/errors.js`);
  const codesOf = (exit) => Object.keys(ERRORS).filter((c) => ERRORS[c].exit === exit);
  const exitRows = Object.entries(ExitCode).map(([name, n]) => {
    const codes = codesOf(name).map((c) => `\`${c}\``).join(', ');
    return `| ${n} | ${name} | ${EXIT_MEANINGS[name]} | ${codes} |`;
  });
  const errorRows = Object.entries(ERRORS).map(([code, spec]) => `| \`${code}\` | ${ExitCode[spec.exit]} | ${spec.hint.replace(/\|/g, '\\|')} |`);
  return [
    BEGIN,
    '| Exit | Name | Meaning | `error.code` |',
    '|-----:|------|---------|--------------|',
    ...exitRows,
    '',
    '### Every error code',
    '',
    'The hint is printed under the message on a terminal and is the `hint` of a `--json` error.',
    '',
    '| `error.code` | Exit | Hint |',
    '|--------------|-----:|------|',
    ...errorRows,
    END,
  ].join('\n');
}

export async function regenerate(text) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/exit-codes.md has no ${BEGIN} ... ${END} block`);
  return text.slice(0, start) + (await tables()) + text.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await refreshDoc(docPath, regenerate, 'docs:errors');
