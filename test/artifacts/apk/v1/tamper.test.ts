/**
 * Issue codes for tampered fixtures: entries, MANIFEST.MF, .SF and signature blocks edited in
 * memory and re-zipped (zip-writer.ts), plus hostile PKCS#7 blocks. verifyV1 must report, never throw.
 */
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { verifyV1, type V1Result } from '../../../../src/artifacts/apk/v1/index.js';

import { editText, fixtureItems, replaceData, tampered, type ZipItem } from './zip-writer.js';

const RSA = 'v1-only-with-rsa-2048.apk';
const BLOCK = 'META-INF/RSA-2048.RSA';
const SF = 'META-INF/RSA-2048.SF';
const MF = 'META-INF/MANIFEST.MF';

/** The fixture's own minSdkVersion (SHA-256 JAR signatures need API 18+). */
const RANGE = { minSdk: 23, maxSdk: 2147483647 };

const codes = (issues: { code: string }[]): string[] => issues.map((i) => i.code);

async function verifyTampered(edit: (items: ZipItem[]) => ZipItem[] | void, fixture = RSA): Promise<V1Result> {
  const result = await verifyV1(await tampered(fixture, edit), RANGE);
  expect(() => JSON.stringify(result)).not.toThrow();
  return result;
}

function withBlock(items: ZipItem[], block: Buffer): ZipItem[] {
  return replaceData(items, BLOCK, () => block);
}

describe('tampered entries', () => {
  it('a re-zipped untouched fixture still verifies', async () => {
    const result = await verifyTampered(() => undefined);
    expect(result.verified).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('changed entry data: JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY', async () => {
    const result = await verifyTampered((items) =>
      replaceData(items, 'classes.dex', (d) => {
        d[d.length - 1]! ^= 1;
        return d;
      }),
    );
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toEqual(['JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY']);
    expect(result.errors[0]!.params).toMatchObject({ name: 'classes.dex', algorithm: 'SHA-256' });
  });

  it('added entry: JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST', async () => {
    const result = await verifyTampered((items) => [...items, { name: 'assets/extra.bin', data: Buffer.from('x') }]);
    expect(codes(result.errors)).toEqual(['JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST']);
    expect(result.errors[0]!.params).toEqual({ name: 'assets/extra.bin' });
  });

  it('removed entry: JAR_SIG_MISSING_ZIP_ENTRY_REFERENCED_IN_MANIFEST', async () => {
    const result = await verifyTampered((items) => items.filter((i) => i.name !== 'resources.arsc'));
    expect(codes(result.errors)).toEqual(['JAR_SIG_MISSING_ZIP_ENTRY_REFERENCED_IN_MANIFEST']);
  });

  it('duplicate entry name: JAR_SIG_DUPLICATE_ZIP_ENTRY', async () => {
    const result = await verifyTampered((items) => [...items, { ...items[0]! }]);
    expect(codes(result.errors)).toEqual(['JAR_SIG_DUPLICATE_ZIP_ENTRY']);
  });

  it('entry name with CR or LF: JAR_SIG_ENTRY_NAME_LINE_BREAK', async () => {
    const result = await verifyV1(await tampered('v1-only-with-lf-in-entry-name.apk', () => undefined), RANGE);
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toContain('JAR_SIG_ENTRY_NAME_LINE_BREAK');
    expect(codes(result.errors)).toContain('JAR_SIG_UNNAMED_MANIFEST_SECTION');
  });

  it('unsigned file in META-INF: JAR_SIG_UNPROTECTED_ZIP_ENTRY warning only', async () => {
    const result = await verifyTampered((items) => [...items, { name: 'META-INF/services/x', data: Buffer.from('y') }]);
    expect(result.verified).toBe(true);
    expect(codes(result.warnings)).toEqual(['JAR_SIG_UNPROTECTED_ZIP_ENTRY']);
  });
});

describe('tampered MANIFEST.MF and .SF', () => {
  it('no MANIFEST.MF: JAR_SIG_NO_MANIFEST, v1 still present', async () => {
    const result = await verifyTampered((items) => items.filter((i) => i.name !== MF));
    expect(result.present).toBe(true);
    expect(codes(result.errors)).toEqual(['JAR_SIG_NO_MANIFEST']);
  });

  it('changed main section: whole-manifest digest falls back to per-section digests (warning)', async () => {
    const result = await verifyTampered((items) => editText(items, MF, 'Manifest-Version: 1.0\r\n', 'Manifest-Version: 1.0\r\nX-Extra: 1\r\n'));
    expect(result.verified).toBe(true);
    expect(codes(result.warnings)).toEqual(['JAR_SIG_MANIFEST_DIGEST_DID_NOT_VERIFY']);
  });

  it('changed entry digest in MANIFEST.MF: JAR_SIG_MANIFEST_SECTION_DIGEST_DID_NOT_VERIFY', async () => {
    const result = await verifyTampered((items) =>
      editText(items, MF, 'LuDY9k5aQsyw8YtEnD43R+0BQYxPV/MMdQ2eE87Vuds=', 'AAAY9k5aQsyw8YtEnD43R+0BQYxPV/MMdQ2eE87Vuds='),
    );
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toEqual(['JAR_SIG_MANIFEST_SECTION_DIGEST_DID_NOT_VERIFY']);
    expect(result.errors[0]!.params).toMatchObject({ signer: 'RSA-2048.RSA', name: 'classes.dex' });
  });

  it('huge MANIFEST.MF is refused by the read cap, not loaded', async () => {
    const result = await verifyTampered((items) =>
      replaceData(items, MF, () => Buffer.alloc(40 << 20, 0x41)).map((i) => (i.name === MF ? { ...i, deflate: true } : i)),
    );
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toEqual(['APK_ZIP_ENTRY_TOO_LARGE']);
  });

  it('changed .SF: JAR_SIG_DID_NOT_VERIFY', async () => {
    const result = await verifyTampered((items) => editText(items, SF, 'Created-By: 1.0', 'Created-By: 1.1'));
    expect(codes(result.errors)).toEqual(['JAR_SIG_DID_NOT_VERIFY']);
  });

  it('signature block without its .SF: JAR_SIG_MISSING_FILE warning and JAR_SIG_NO_SIGNATURES', async () => {
    const result = await verifyTampered((items) => items.filter((i) => i.name !== SF));
    expect(codes(result.warnings)).toEqual(['JAR_SIG_MISSING_FILE']);
    expect(codes(result.errors)).toEqual(['JAR_SIG_NO_SIGNATURES']);
  });

  it('no signature files at all: not present, JAR_SIG_NO_SIGNATURES', async () => {
    const result = await verifyTampered((items) => items.filter((i) => i.name !== SF && i.name !== BLOCK));
    expect(result.present).toBe(false);
    expect(codes(result.errors)).toEqual(['JAR_SIG_NO_SIGNATURES']);
  });
});

describe('malformed PKCS#7 signature blocks', () => {
  const { asn1 } = forge;
  const der = (node: forge.asn1.Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

  async function originalBlock(): Promise<Buffer> {
    const items = await fixtureItems(RSA);
    return items.find((i) => i.name === BLOCK)!.data;
  }

  /** The SignerInfo of the fixture's DER block, for structural edits. */
  function signerInfoFields(tree: forge.asn1.Asn1): forge.asn1.Asn1[] {
    const signedData = ((tree.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
    const fields = signedData.value as forge.asn1.Asn1[];
    return fields[fields.length - 1]!.value as forge.asn1.Asn1[];
  }
  const { UNIVERSAL } = asn1.Class;

  const cases: { label: string; mutate: (block: Buffer) => Buffer; code: string }[] = [
    { label: 'garbage', mutate: () => Buffer.from('not a PKCS#7 block'), code: 'JAR_SIG_PARSE_EXCEPTION' },
    { label: 'empty', mutate: () => Buffer.alloc(0), code: 'JAR_SIG_PARSE_EXCEPTION' },
    { label: 'truncated', mutate: (b) => b.subarray(0, 200), code: 'JAR_SIG_PARSE_EXCEPTION' },
    { label: 'length past the end', mutate: () => Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x06]), code: 'JAR_SIG_PARSE_EXCEPTION' },
    { label: 'deeply nested indefinite lengths', mutate: () => Buffer.alloc(20000, Buffer.from([0x30, 0x80])), code: 'JAR_SIG_PARSE_EXCEPTION' },
    {
      label: 'ContentInfo of type data',
      mutate: () =>
        der(asn1.create(UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.2.840.113549.1.7.1').getBytes())])),
      code: 'JAR_SIG_PARSE_EXCEPTION',
    },
    {
      label: 'no SignerInfos',
      mutate: (b) => {
        const tree = asn1.fromDer(b.toString('binary'));
        signerInfoFields(tree).length = 0;
        return der(tree);
      },
      code: 'JAR_SIG_NO_SIGNERS',
    },
    {
      label: 'SignerInfo names an absent certificate',
      mutate: (b) => {
        const tree = asn1.fromDer(b.toString('binary'));
        const sid = (signerInfoFields(tree)[0]!.value as forge.asn1.Asn1[])[1]!;
        (sid.value as forge.asn1.Asn1[])[1]!.value = '\u0001'; // serial number
        return der(tree);
      },
      code: 'JAR_SIG_VERIFY_EXCEPTION',
    },
    {
      label: 'flipped signature byte',
      mutate: (b) => {
        const copy = Buffer.from(b);
        copy[copy.length - 1]! ^= 0xff; // the signature OCTET STRING ends the block
        return copy;
      },
      code: 'JAR_SIG_DID_NOT_VERIFY',
    },
  ];

  it.each(cases)('$label → $code', async ({ mutate, code }) => {
    const block = mutate(await originalBlock());
    const result = await verifyTampered((items) => withBlock(items, block));
    expect(result.verified).toBe(false);
    expect(codes(result.errors)).toEqual([code]);
    expect(result.errors[0]!.params).toMatchObject({ signer: 'RSA-2048.RSA', block: BLOCK });
  });

  it('random byte flips never throw', async () => {
    const block = await originalBlock();
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 150; round++) {
      const copy = Buffer.from(block);
      for (let k = 0; k <= next(3); k++) copy[next(copy.length)] = next(256);
      const zip = await tampered(RSA, (items) => withBlock(items, copy));
      const result = await verifyV1(zip, RANGE);
      expect(result.verified || result.errors.length > 0).toBe(true);
    }
  });
});
