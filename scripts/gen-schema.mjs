#!/usr/bin/env node
// Generates the JSON Schemas (draft 2020-12) of otactl's wire formats from the zod schemas in
// src/protocol/schemas.ts, with zod v4's own z.toJSONSchema, into docs/schema/.
//
//   npm run build && npm run schema          # writes docs/schema/*.schema.json
//   node scripts/gen-schema.mjs --check      # exits 1 when a committed file differs
//
// io: 'input'. A device validating a manifest must accept exactly what the reference reader
// accepts: every read in otactl (CLI and the TypeScript device SDK) goes through the zod parse,
// whose *input* side lets the fields that carry a default (canary.tags, canary.device_sha256,
// constraints.defer_in_call, gating.*, build.chip, build.secure_version) be absent. The 'output'
// schema would mark them required, so a Kotlin or C client validating against it would refuse a
// manifest the TypeScript SDK accepts. With 'input' they are optional and the schema carries their
// `default`, which is what the device assumes when one is missing. (otactl itself always writes
// every field; test/docs/schema.test.ts checks that on a real manifest.)
//
// Not expressible in JSON Schema, hence stated in `description` (and in docs/manifest.md):
// percents are in 0.01 steps (a zod refinement), and the cross-field rules of the device algorithm.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = 'docs/schema';

/** file name -> [export name in schemas.ts, title, description] */
export const TARGETS = {
  'manifest-payload.schema.json': [
    'ManifestPayload',
    'otactl channel manifest payload',
    'The JSON carried base64-encoded in the DSSE envelope of apps/<app>/channels/<channel>/manifest.json (payloadType application/vnd.otactl.manifest+json). Verify the envelope first; see docs/manifest.md for the device algorithm.',
  ],
  'envelope.schema.json': [
    'Envelope',
    'otactl DSSE envelope',
    'Dead Simple Signing Envelope: payload is base64 of the signed JSON bytes; each signature is ECDSA P-256 / SHA-256 (DER, base64) over PAE("DSSEv1", payloadType, payload bytes); keyid is hex SHA-256 of the signer public key SubjectPublicKeyInfo DER.',
  ],
  'release-record.schema.json': [
    'ReleaseRecord',
    'otactl release record',
    'The immutable record of one uploaded build, apps/<app>/builds/<build_id>.json, inside a DSSE envelope (payloadType application/vnd.otactl.release+json).',
  ],
  'app-record.schema.json': [
    'AppRecord',
    'otactl app record',
    'What an app is, apps/<app>/app.json, inside a DSSE envelope (payloadType application/vnd.otactl.app+json): its artifact kind, fixed by the first upload, and the APK signers its builds may carry (trust on first use), each with why, by whom and when it was accepted. Replaced by compare-and-swap only to add a signer.',
  ],
  'change-record.schema.json': [
    'ChangeRecord',
    'otactl change record',
    'One entry of a channel audit trail, apps/<app>/channels/<channel>/history/<sequence:010>-<digest16>.json (plain JSON; its SHA-256 is the manifest `change` and the next record `prev`).',
  ],
};

const PERCENT_NOTE = 'Percent 0..100 in steps of 0.01: round(p * 100) must equal p * 100 (within 1e-9).';
const SALT_NOTE = 'Cohort salt, 1..64 printable ASCII characters (0x21..0x7e).';

/**
 * Returns { fileName: text } for every target. `schemas` is the schemas module: dist's in the
 * script, src's in the test, so the committed files are checked against the source itself.
 */
export function generate(schemas, zod = z) {
  const out = {};
  for (const [file, [name, title, description]] of Object.entries(TARGETS)) {
    const schema = schemas[name];
    if (!schema) throw new Error(`schemas module has no export ${name}`);
    const json = zod.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'throw',
      override: (ctx) => {
        if (ctx.zodSchema === schemas.Percent) ctx.jsonSchema.description = PERCENT_NOTE;
        if (ctx.zodSchema === schemas.Salt) ctx.jsonSchema.description = SALT_NOTE;
      },
    });
    const doc = { $schema: json.$schema, title, description, ...json };
    out[file] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const distSchemas = path.join(repoRoot, 'dist/protocol/schemas.js');
  let schemas;
  try {
    schemas = await import(pathToFileURL(distSchemas).href);
  } catch (err) {
    throw new Error(`cannot load ${distSchemas} (run npm run build first): ${err.message}`);
  }
  const files = generate(schemas);
  const dir = path.join(repoRoot, SCHEMA_DIR);
  mkdirSync(dir, { recursive: true });
  let stale = 0;
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    let old = null;
    try {
      old = readFileSync(target, 'utf8');
    } catch {
      // missing: written below, or stale under --check
    }
    if (old === text) {
      process.stdout.write(`unchanged ${SCHEMA_DIR}/${file}\n`);
      continue;
    }
    if (check) {
      stale++;
      process.stdout.write(`STALE     ${SCHEMA_DIR}/${file}\n`);
    } else {
      writeFileSync(target, text);
      process.stdout.write(`wrote     ${SCHEMA_DIR}/${file}\n`);
    }
  }
  if (stale) {
    process.stderr.write(`${stale} schema file(s) differ from the zod schemas: run npm run build && npm run schema\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`gen-schema: ${err.message}\n`);
    process.exitCode = 1;
  });
}
