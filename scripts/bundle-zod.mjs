#!/usr/bin/env node
// Replaces dist/protocol/zod.js, tsc's re-export of the zod functions otactl uses
// (src/protocol/zod.ts), with one ES module holding those functions and what they need, taken
// from the installed zod and tree-shaken by rolldown. Run by `npm run build` after tsc.
//
// Why: zod's package entry loads about 100 modules (all 60 locales, JSON Schema conversion, ...),
// which was a quarter of `otactl rollout`'s whole start-up on Node 20 and 24 alike (a V8 compile
// cache does not help: the cost is per module). The bundle is the same zod code, so parsing and
// error messages do not change; dist/protocol/zod.d.ts still re-exports zod's own types.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'dist/protocol/zod.js');
const tmp = `${target}.bundle.tmp`;

const zodPkg = createRequire(target).resolve('zod/package.json');
const { version } = JSON.parse(readFileSync(zodPkg, 'utf8'));
const licence = readFileSync(path.join(path.dirname(zodPkg), 'LICENSE'), 'utf8').trim();

const source = readFileSync(target, 'utf8');
if (!/from ['"]zod['"]/.test(source)) throw new Error(`${path.relative(repoRoot, target)} does not re-export zod: run tsc first`);

const bundle = await rolldown({ input: target, platform: 'node', treeshake: true, logLevel: 'warn' });
try {
  await bundle.write({
    file: tmp,
    format: 'esm',
    banner: `// zod ${version} (https://github.com/colinhacks/zod), the exports of src/protocol/zod.ts only,\n// bundled by scripts/bundle-zod.mjs. Its licence:\n${licence.split('\n').map((l) => `// ${l}`.trimEnd()).join('\n')}\n`,
  });
} finally {
  await bundle.close();
}
const out = readFileSync(tmp, 'utf8');
// A bundle that still imports a module would load it at run time: it must stand alone.
if (/^\s*import\s.*from\s/m.test(out) || /\bimport\(/.test(out)) {
  rmSync(tmp);
  throw new Error('the zod bundle still imports another module');
}
renameSync(tmp, target);
process.stdout.write(`bundle-zod: ${path.relative(repoRoot, target)} (zod ${version}, ${Math.round(out.length / 1024)} KiB)\n`);
