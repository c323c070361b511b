/**
 * A local stand-in for the CloudFront API, for tests only: CloudFront has no local server, so the
 * invalidation is checked against this node:http endpoint. It asserts the request shape of the
 * 2020-05-31 API (POST /2020-05-31/distribution/<id>/invalidation with an XML InvalidationBatch,
 * a SigV4 Authorization header for service cloudfront in us-east-1), records each batch, and
 * answers as CloudFront documents it: 201 + Location + an <Invalidation> body; GetInvalidation
 * reports InProgress `pollsUntilComplete` times, then Completed. `failWith` makes every
 * CreateInvalidation answer that status with a CloudFront error body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedBatch {
  distributionId: string;
  paths: string[];
  callerReference: string;
  authorization: string;
}

export interface FakeCloudFront {
  url: string;
  batches: RecordedBatch[];
  /** GetInvalidation calls answered, in order. */
  polls: string[];
  /** Requests that did not have the shape CloudFront accepts (each a reason). */
  malformed: string[];
  failWith: number | null;
  pollsUntilComplete: number;
  close(): Promise<void>;
}

const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

export async function startFakeCloudFront(): Promise<FakeCloudFront> {
  const invalidations = new Map<string, { batch: RecordedBatch; polls: number; created: string }>();
  const state: Omit<FakeCloudFront, 'url' | 'close'> = { batches: [], polls: [], malformed: [], failWith: null, pollsUntilComplete: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = String(req.headers.authorization ?? '');
      const reply = (status: number, xml: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'text/xml', 'x-amz-request-id': `req-${Date.now()}`, ...headers });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
      };
      if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/us-east-1\/cloudfront\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.test(auth)) {
        state.malformed.push(`no SigV4 cloudfront authorization: ${auth}`);
        return reply(403, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error></ErrorResponse>`);
      }
      const create = /^\/2020-05-31\/distribution\/([A-Z0-9]+)\/invalidation$/.exec(req.url ?? '');
      const get = /^\/2020-05-31\/distribution\/([A-Z0-9]+)\/invalidation\/([A-Z0-9]+)$/.exec(req.url ?? '');
      if (req.method === 'POST' && create) {
        const batch = parseBatch(create[1]!, body, auth);
        if (typeof batch === 'string') {
          state.malformed.push(batch);
          return reply(400, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>MalformedInput</Code><Message>${batch}</Message></Error></ErrorResponse>`);
        }
        if (state.failWith !== null) {
          const code = state.failWith === 403 ? 'AccessDenied' : 'ServiceUnavailable';
          return reply(state.failWith, `<ErrorResponse xmlns="${NS}"><Error><Type>${state.failWith >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${code} (test endpoint)</Message></Error></ErrorResponse>`);
        }
        state.batches.push(batch);
        // CloudFront returns the existing invalidation for a repeated CallerReference with the same batch.
        let found = [...invalidations.entries()].find(([, v]) => v.batch.callerReference === batch.callerReference && v.batch.distributionId === batch.distributionId);
        if (!found) {
          const id = `I${String(invalidations.size + 1).padStart(13, '0')}`;
          invalidations.set(id, { batch, polls: 0, created: new Date().toISOString() });
          found = [id, invalidations.get(id)!];
        }
        const [id, inv] = found;
        return reply(201, invalidationXml(id, 'InProgress', inv.batch, inv.created), { location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${batch.distributionId}/invalidation/${id}` });
      }
      if (req.method === 'GET' && get) {
        const inv = invalidations.get(get[2]!);
        if (!inv) return reply(404, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchInvalidation</Code><Message>no such invalidation</Message></Error></ErrorResponse>`);
        const status = inv.polls++ >= state.pollsUntilComplete ? 'Completed' : 'InProgress';
        state.polls.push(status);
        return reply(200, invalidationXml(get[2]!, status, inv.batch, inv.created));
      }
      state.malformed.push(`unexpected ${req.method} ${req.url}`);
      reply(404, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NotFound</Code><Message>unexpected request</Message></Error></ErrorResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeCloudFront = Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}

/** The InvalidationBatch of a CreateInvalidation body, or why it is not one CloudFront accepts. */
function parseBatch(distributionId: string, xml: string, authorization: string): RecordedBatch | string {
  const m = /^(?:<\?xml[^>]*\?>)?\s*<InvalidationBatch xmlns="http:\/\/cloudfront\.amazonaws\.com\/doc\/2020-05-31\/">([\s\S]*)<\/InvalidationBatch>\s*$/.exec(xml);
  if (!m) return `not an InvalidationBatch: ${xml.slice(0, 200)}`;
  const quantity = /<Paths><Quantity>(\d+)<\/Quantity><Items>([\s\S]*?)<\/Items><\/Paths>/.exec(m[1]!);
  if (!quantity) return `no Paths with Quantity and Items: ${m[1]}`;
  const paths = [...quantity[2]!.matchAll(/<Path>([^<]*)<\/Path>/g)].map((p) => p[1]!);
  if (paths.length !== Number(quantity[1])) return `Quantity ${quantity[1]} but ${paths.length} paths`;
  if (paths.some((p) => !p.startsWith('/'))) return `a path does not start with /: ${paths.join(' ')}`;
  const ref = /<CallerReference>([^<]+)<\/CallerReference>/.exec(m[1]!);
  if (!ref) return 'no CallerReference';
  return { distributionId, paths, callerReference: ref[1]!, authorization };
}

function invalidationXml(id: string, status: string, batch: RecordedBatch, created: string): string {
  const items = batch.paths.map((p) => `<Path>${p}</Path>`).join('');
  return `<Invalidation xmlns="${NS}"><Id>${id}</Id><Status>${status}</Status><CreateTime>${created}</CreateTime><InvalidationBatch><Paths><Quantity>${batch.paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${batch.callerReference}</CallerReference></InvalidationBatch></Invalidation>`;
}
