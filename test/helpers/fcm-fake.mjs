// A local stand-in for Google's OAuth token endpoint and FCM HTTP v1 (FCM has no emulator, and
// firebase-admin hardcodes fcm.googleapis.com). It checks what the real services check that a
// client can get wrong: the JWT assertion's RS256 signature against the service account's public
// key, its iss/scope/aud/exp; the bearer token; the message shape (data-only, string values,
// android.priority HIGH, a ttl, a collapse_key, exactly one of token/topic). Responses can be
// scripted per token or topic (429 + Retry-After, 500, UNREGISTERED, INVALID_ARGUMENT, 401).
// Plain JS so the test (vitest) and bench/nudge-fcm.mjs (node) share it.
import { createServer } from 'node:http';
import { verify } from 'node:crypto';

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

export function fcmError(status, httpCode, errorCode) {
  return {
    status: httpCode,
    body: { error: { code: httpCode, message: errorCode, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] } },
  };
}
export const UNREGISTERED = () => fcmError('NOT_FOUND', 404, 'UNREGISTERED');
export const INVALID_ARGUMENT = () => fcmError('INVALID_ARGUMENT', 400, 'INVALID_ARGUMENT');
export const QUOTA = (retryAfter) => ({ ...fcmError('RESOURCE_EXHAUSTED', 429, 'QUOTA_EXCEEDED'), headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) } });
export const INTERNAL = () => fcmError('INTERNAL', 500, 'INTERNAL');

/**
 * opts: { publicKey, clientEmail, projectId, tokenTtlSeconds = 3600, sendDelayMs = 0 }.
 * fake.script.set(tokenOrTopic, [response, ...]) answers the next sends to it in turn.
 */
export async function startFcmFake(opts) {
  const state = {
    tokens: new Map(), // access token -> expires at (ms)
    tokenRequests: 0,
    rejectedAssertions: [],
    sends: 0,
    delivered: [], // messages answered 200
    validated: [], // validate_only messages answered 200: checked, not delivered
    shapeErrors: [],
    unauthorized: 0,
    inFlight: 0,
    maxInFlight: 0,
    script: new Map(),
  };
  let url = '';

  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  function checkAssertion(jwt) {
    const parts = String(jwt ?? '').split('.');
    if (parts.length !== 3) return 'not a JWT';
    const [h, c, s] = parts;
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    if (header.alg !== 'RS256') return `alg ${header.alg}`;
    if (!verify('sha256', Buffer.from(`${h}.${c}`), opts.publicKey, Buffer.from(s, 'base64url'))) return 'bad signature';
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== opts.clientEmail) return `iss ${claims.iss}`;
    if (!String(claims.scope).split(' ').includes(SCOPE)) return `scope ${claims.scope}`;
    if (claims.aud !== `${url}/token`) return `aud ${claims.aud}`;
    if (!(claims.exp > now) || claims.exp - claims.iat > 3600 || claims.iat > now + 60) return 'exp/iat';
    return null;
  }

  function checkShape(body) {
    const unknown = Object.keys(body ?? {}).find((k) => k !== 'message' && k !== 'validate_only');
    if (unknown) return `unknown field ${unknown}`;
    if ('validate_only' in body && typeof body.validate_only !== 'boolean') return 'validate_only must be a boolean';
    const m = body?.message;
    if (!m || typeof m !== 'object') return 'no message';
    if (('token' in m) === ('topic' in m)) return 'exactly one of token and topic';
    if ('notification' in m) return 'a notification (nudges are data-only)';
    if (!m.data || Object.values(m.data).some((v) => typeof v !== 'string')) return 'data values must be strings';
    if (m.android?.priority !== 'HIGH') return 'android.priority must be HIGH';
    if (!/^\d+(\.\d+)?s$/.test(m.android?.ttl ?? '')) return 'android.ttl';
    if (typeof m.android?.collapse_key !== 'string') return 'android.collapse_key';
    if (Buffer.byteLength(JSON.stringify(m.data)) > ('topic' in m ? 2048 : 4096)) return 'payload too large';
    return null;
  }

  const server = createServer((req, res) => {
    // In flight from the request's arrival to its response, as the client's limiter sees it.
    if (req.url?.endsWith('/messages:send')) {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      res.on('close', () => state.inFlight--);
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString();
      if (req.method === 'POST' && req.url === '/token') {
        state.tokenRequests++;
        const form = new URLSearchParams(text);
        const why = form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ? 'grant_type' : checkAssertion(form.get('assertion'));
        if (why) {
          state.rejectedAssertions.push(why);
          return json(res, 400, { error: 'invalid_grant', error_description: why });
        }
        const token = `ya29.fake-${state.tokenRequests}`;
        const ttl = opts.tokenTtlSeconds ?? 3600;
        state.tokens.set(token, Date.now() + ttl * 1000);
        return json(res, 200, { access_token: token, expires_in: ttl, token_type: 'Bearer' });
      }
      const m = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return json(res, 404, { error: { code: 404, status: 'NOT_FOUND', message: req.url } });
      state.sends++;
      {
        if (opts.sendDelayMs) await new Promise((r) => setTimeout(r, opts.sendDelayMs));
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const expires = bearer ? state.tokens.get(bearer) : undefined;
        if (expires === undefined || expires <= Date.now()) {
          state.unauthorized++;
          return json(res, 401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' } });
        }
        if (m[1] !== opts.projectId) return json(res, 403, { error: { code: 403, status: 'PERMISSION_DENIED', message: `project ${m[1]}` } });
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          return json(res, 400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'not JSON' } });
        }
        const why = checkShape(body);
        if (why) {
          state.shapeErrors.push(why);
          const e = INVALID_ARGUMENT();
          return json(res, e.status, e.body);
        }
        const to = body.message.token ?? body.message.topic;
        const queue = state.script.get(to);
        const scripted = queue?.shift();
        if (scripted) return json(res, scripted.status, scripted.body, scripted.headers);
        // FCM's dry run: validated like a real send (scripted errors included), delivered to no one.
        if (body.validate_only === true) {
          state.validated.push(body.message);
          return json(res, 200, { name: `projects/${m[1]}/messages/fake_message_id` });
        }
        state.delivered.push(body.message);
        return json(res, 200, { name: `projects/${m[1]}/messages/${state.sends}` });
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    tokenUri: `${url}/token`,
    state,
    script: state.script,
    /** Lifetime (expires_in) of the tokens issued from now on. */
    setTokenTtl(seconds) {
      opts.tokenTtlSeconds = seconds;
    },
    /** Every access token issued so far stops working (401), as after an hour. */
    expireTokens() {
      for (const t of state.tokens.keys()) state.tokens.set(t, 0);
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A throwaway service account (RSA 2048) whose token_uri is the fake's. */
export async function makeServiceAccount(projectId, tokenUri) {
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const account = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: `otactl@${projectId}.iam.gserviceaccount.com`,
    token_uri: tokenUri,
  };
  return { account, publicKey };
}
