import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as srcSchemas from '../../src/protocol/schemas.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * `npm run build` replaces dist/protocol/zod.js with a bundle of the zod functions otactl uses
 * (scripts/bundle-zod.mjs): zod's package entry loads ~100 modules at every CLI start. The bundle
 * must stand alone, nothing in dist may load zod another way, and the schemas built on it must
 * read documents exactly as the same schemas on the zod package do (src, as tests run it).
 */
const dist = join(repoRoot, 'dist');
const jsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));

describe('the zod bundle in dist', () => {
  it('imports nothing, and exports the names src/protocol/zod.ts does', async () => {
    const text = readFileSync(join(dist, 'protocol/zod.js'), 'utf8');
    expect(text).toMatch(/^\/\/ zod \d+\.\d+\.\d+ .*\n\/\/ bundled by scripts\/bundle-zod\.mjs\. Its licence:\n\/\/ MIT License/);
    expect(text).not.toMatch(/^\s*import[\s{*]/m);
    expect(text).not.toMatch(/\bimport\(|\brequire\(/);
    const facade = readFileSync(join(repoRoot, 'src/protocol/zod.ts'), 'utf8');
    const names = /^export \{([^}]+)\} from 'zod';$/m.exec(facade)![1]!.split(',').map((s) => s.trim());
    const bundled = await import(pathToFileURL(join(dist, 'protocol/zod.js')).href);
    expect(Object.keys(bundled).sort()).toEqual([...names].sort());
  });

  it('no other module of dist imports zod', () => {
    const importers = jsFiles(dist).filter((f) => /from ['"]zod(\/[^'"]*)?['"]|import\(['"]zod/.test(readFileSync(f, 'utf8')));
    expect(importers).toEqual([]);
  });

  it('reads valid and broken documents as the zod package does: same values, same issues and messages', async () => {
    const distSchemas = (await import(pathToFileURL(join(dist, 'protocol/schemas.js')).href)) as typeof srcSchemas;
    const vectors = JSON.parse(readFileSync(join(repoRoot, 'test/vectors/decisions.json'), 'utf8')) as { cases: { manifest: Record<string, unknown> }[] };
    const valid = vectors.cases[0]!.manifest;
    const broken: unknown[] = [
      valid,
      {},
      null,
      { ...valid, sequence: -1, salt: 'has space', issued_at: 'yesterday' },
      { ...valid, build: { ...(valid.build as object), staged_rollout_percent: 12.345, sha256: 'ABC', url: 7 } },
      { ...valid, canary: { tags: 'qa', device_sha256: ['x'] }, gating: { models: [1] }, extra_field: true },
      ...vectors.cases.map((c) => c.manifest),
    ];
    for (const doc of broken) {
      const a = srcSchemas.ManifestPayload.safeParse(doc);
      const b = distSchemas.ManifestPayload.safeParse(doc);
      expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
      if (!a.success) expect(b.error!.message).toBe(a.error.message);
    }
    expect(distSchemas.ManifestPayload.safeParse(valid).success).toBe(true);
  });
});
