/**
 * `--logs s3://` takes the store's S3 settings (flags > environment > config), and credentials
 * the SDK resolves from a profile file are masked like those of the environment. Local HTTP
 * servers stand in for S3: one records where a listing went, one echoes the credentials back in
 * an S3 error (as a misbehaving proxy or gateway might). Fake credentials throughout. In process:
 * each run's AWS variables and HOME are the process's for its length (withAwsProcessEnv), which is
 * where the SDK's credential chain reads them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanFailure } from '../helpers/cli.js';
import { cliWorkspace, withAwsProcessEnv, type CliWorkspace } from '../helpers/run-cli.js';

const NO_METADATA = { AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-west-3' };
const EMPTY_LISTING = '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>fleet-logs</Name><Prefix>cf</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>';

/** A run whose AWS environment is the SDK's too, as in a process started with it. */
function runAws(ws: CliWorkspace, args: string[], env: NodeJS.ProcessEnv) {
  return withAwsProcessEnv({ ...ws.env, ...env }, () => ws.run(args, { env }));
}

function listen(server: Server): Promise<string> {
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

/** An S3 stand-in answering every request with an empty listing, recording each request's path. */
function recorder() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/xml' }).end(EMPTY_LISTING);
  });
  return { seen, server };
}

describe('stats --logs s3:// uses the store\'s S3 settings', () => {
  const ws = cliWorkspace();
  const byFlag = recorder();
  const byEnv = recorder();
  const byConfig = recorder();
  const urls: Record<'flag' | 'env' | 'config', string> = { flag: '', env: '', config: '' };
  const creds = { AWS_ACCESS_KEY_ID: 'AKIDLOGSEXAMPLE', AWS_SECRET_ACCESS_KEY: 'logs-secret-example-1', ...NO_METADATA };

  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
    [urls.flag, urls.env, urls.config] = await Promise.all([listen(byFlag.server), listen(byEnv.server), listen(byConfig.server)]);
    const path = join(ws.dir, 'otactl.config.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), s3: { endpoint: urls.config } }, null, 2));
  });
  afterAll(() => {
    for (const s of [byFlag, byEnv, byConfig]) s.server.close();
  });

  it('--endpoint wins over AWS_ENDPOINT_URL, which wins over the config; addressed path-style', async () => {
    const logs = ['stats', '--logs', 's3://fleet-logs/cf', '--timeout', '20s', '--json'];
    const flag = await runAws(ws, [...logs, '--endpoint', urls.flag], { ...creds, AWS_ENDPOINT_URL: urls.env });
    // The listing is empty: exit 2 "no logs at ...", after the request reached the right server.
    expect(flag.json().error.code, flag.stderr).toBe('E_NO_FILE');
    expect(byFlag.seen).toEqual([expect.stringMatching(/^\/fleet-logs\/?\?list-type=2&prefix=cf/)]);
    const env = await runAws(ws, logs, { ...creds, AWS_ENDPOINT_URL: urls.env });
    expect(env.json().error.code, env.stderr).toBe('E_NO_FILE');
    expect(byEnv.seen).toHaveLength(1);
    const config = await runAws(ws, logs, creds);
    expect(config.json().error.code, config.stderr).toBe('E_NO_FILE');
    expect(byConfig.seen).toEqual([expect.stringMatching(/^\/fleet-logs\/?\?list-type=2/)]);
    expect(byFlag.seen).toHaveLength(1);
  });
});

describe('credentials from a profile file are masked when an endpoint echoes them', () => {
  const ws = cliWorkspace();
  const SECRET = 'profileSecretKeyExample0123456789abcdef';
  const TOKEN = 'profileSessionTokenExample+/0123456789abcdefghij';
  const tokensSeen: string[] = [];
  // Quotes the session token it was sent, and the secret key, back: to the store as a proxy's
  // HTML page (which otactl quotes as not S3), to the logs listing as an S3 AccessDenied message.
  const echo = createServer((req: IncomingMessage, res) => {
    req.resume();
    const token = String(req.headers['x-amz-security-token'] ?? '');
    tokensSeen.push(token);
    const words = `denied for token ${token} and key ${SECRET}`;
    if (req.url?.startsWith('/fleet-logs')) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${words}</Message><RequestId>r1</RequestId></Error>`);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><title>${words}</title></head><body>proxy</body></html>`);
    }
  });
  let url = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
    url = await listen(echo);
    const credentials = ws.file('aws-credentials', `[fleet-ci]\naws_access_key_id = AKIDPROFILEEXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`);
    env = { ...NO_METADATA, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(ws.dir, 'no-aws-config'), AWS_PROFILE: 'fleet-ci' };
  });
  afterAll(() => {
    echo.close();
  });

  it('neither the secret key nor the session token is shown, by the store or by --logs (with --debug too)', async () => {
    for (const args of [['status', '--store', 's3://ota-fix/fleet'], ['stats', '--logs', 's3://fleet-logs/cf'], ['status', '--store', 's3://ota-fix/fleet', '--debug']]) {
      const r = await runAws(ws, [...args, '--endpoint', url, '--timeout', '20s', '--json'], env);
      expect(r.code, r.stderr).toBe(7);
      expect(r.stdout + r.stderr).toContain('denied for token *** and key ***');
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      // Nor a start of one (a quote cut short after the secret began).
      expect(r.stdout + r.stderr).not.toContain(SECRET.slice(0, 10));
      expect(r.stdout + r.stderr).not.toContain(TOKEN.slice(0, 10));
    }
    // The echo was real: the SDK sent the profile's session token.
    expect(tokensSeen.length).toBeGreaterThanOrEqual(3);
    expect(tokensSeen.every((t) => t === TOKEN)).toBe(true);
  });
});

// The whole chain comes up empty (no environment keys, no profile file, no instance metadata):
// the run's AWS environment, and HOME, are exactly these (withAwsProcessEnv).
describe('no AWS credentials anywhere', () => {
  const ws = cliWorkspace();
  const notS3 = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>not S3</title>');
  });
  let htmlUrl = '';
  beforeAll(async () => {
    expect((await ws.run(['init'])).code).toBe(0);
    htmlUrl = await listen(notS3);
  });
  afterAll(() => {
    notS3.close();
  });

  it('no credentials at all: exit 7 E_S3_CREDENTIALS saying so, not "re-run when the store answers"', async () => {
    const r = await runAws(ws, ['status', '--store', 's3://ota-i18/fleet', '--endpoint', htmlUrl, '--json'], {
      AWS_REGION: 'eu-west-3', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/i18/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/i18/credentials',
    });
    expectCleanFailure(r, 7, 'E_S3_CREDENTIALS');
    expect(r.json().error.message).toMatch(/no AWS credentials were found/);
    expect(r.json().error.message).not.toMatch(/re-run/);
  });
});
