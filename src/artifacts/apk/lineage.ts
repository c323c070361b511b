/**
 * Proof-of-rotation lineage (docs/formats.md A.10): the chain of signing certificates, oldest first, each
 * newer certificate signed by the key of the one before it.
 */
import type { LineageNode } from './types.js';
import { LpError, LpReader } from './lp.js';
import { findAlgorithm, parsePublicKey, verifySignature } from './algorithms.js';
import { describeCert, parseCertificate, rawSpki } from './certs.js';

/** Far beyond any real rotation history; bounds the signature checks on hostile input. */
export const MAX_LINEAGE_NODES = 64;

export interface Lineage {
  nodes: LineageNode[];
  /** DER of each node's certificate, oldest first (for matching signers exactly). */
  certs: Buffer[];
}

export type LineageResult =
  | { ok: true; lineage: Lineage }
  | { ok: false; kind: 'malformed' | 'signature'; reason: string; node?: number };

/** Parses and verifies the value of the v3 attribute 0x3ba06f8c. */
export function readLineage(value: Buffer): LineageResult {
  try {
    const r = new LpReader(value);
    const version = r.u32();
    if (version !== 1) return { ok: false, kind: 'malformed', reason: `version ${version}` };
    const nodes: LineageNode[] = [];
    const certs: Buffer[] = [];
    let previous: { key: ReturnType<typeof parsePublicKey>; sigAlgId: number } | null = null;
    for (const node of r.sequence()) {
      if (nodes.length === MAX_LINEAGE_NODES) return { ok: false, kind: 'malformed', reason: `more than ${MAX_LINEAGE_NODES} nodes` };
      const signedData = node.lpBytes();
      const flags = node.u32();
      const sigAlgId = node.u32();
      const signature = node.lpBytes();
      const signed = new LpReader(signedData);
      const cert = signed.lpBytes();
      const parentSigAlgId = signed.u32();
      const i = nodes.length;
      if (previous) {
        const alg = findAlgorithm(previous.sigAlgId);
        if (parentSigAlgId !== previous.sigAlgId) {
          return { ok: false, kind: 'signature', node: i, reason: 'signing algorithm differs from the parent node' };
        }
        if (!alg || !previous.key || !verifySignature(alg, previous.key, signedData, signature)) {
          return { ok: false, kind: 'signature', node: i, reason: 'signature by the previous certificate does not verify' };
        }
      }
      if (certs.some((c) => c.equals(cert))) return { ok: false, kind: 'malformed', reason: 'duplicate certificate' };
      const key = publicKeyOf(cert);
      certs.push(cert);
      nodes.push({ ...describeCert(cert, key), flags });
      previous = { key, sigAlgId };
    }
    if (nodes.length === 0) return { ok: false, kind: 'malformed', reason: 'no certificates' };
    return { ok: true, lineage: { nodes, certs } };
  } catch (err) {
    if (err instanceof LpError) return { ok: false, kind: 'malformed', reason: err.message };
    throw err;
  }
}

function publicKeyOf(cert: Buffer): ReturnType<typeof parsePublicKey> {
  const parsed = parseCertificate(cert);
  if (parsed) return parsed.publicKey;
  const spki = rawSpki(cert);
  return spki ? parsePublicKey(spki) : null;
}

/** Index of `cert` in the lineage, or -1. */
export function lineageIndexOf(lineage: Lineage, cert: Buffer): number {
  return lineage.certs.findIndex((c) => c.equals(cert));
}
