#!/usr/bin/env node
// Refreshes the ```text blocks of docs/cli.md with `otactl <command> --help` (the prose between
// them is hand-written and kept). `--check` exits 1 when the file is out of date instead of writing.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { refreshDoc } from './lib/generated-doc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = `${root}docs/cli.md`;
const bin = `${root}bin/otactl.js`;

export function regenerate(text) {
  // Help is rendered for a pipe (80 columns), so the output is the same everywhere.
  // "## otactl keys generate" ... ```text ... ``` ; "## otactl (global options)" is the top-level help.
  return text.replace(/^## otactl([^\n]*)\n([\s\S]*?)```text\n[\s\S]*?```/gm, (_all, heading, prose) => {
    const words = heading.trim().startsWith('(') ? [] : heading.trim().split(/\s+/);
    const help = execFileSync(process.execPath, [bin, ...words, '--help'], { encoding: 'utf8' });
    return `## otactl${heading}\n${prose}\`\`\`text\n${help.trimEnd()}\n\`\`\``;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await refreshDoc(docPath, regenerate, 'docs:cli');
