// The command-line end of a doc generator: rewrite the doc when it changed, or with --check exit
// 1 when it is out of date (what the drift tests and CI want).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export async function refreshDoc(docPath, regenerate, npmScript) {
  const name = relative(process.cwd(), docPath);
  const current = readFileSync(docPath, 'utf8');
  const fresh = await regenerate(current);
  if (fresh === current) return;
  if (process.argv.includes('--check')) {
    console.error(`${name} is out of date: run npm run ${npmScript}`);
    process.exit(1);
  }
  writeFileSync(docPath, fresh);
  console.log(`${name} regenerated`);
}
