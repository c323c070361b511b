/**
 * A real Mosquitto broker for a test: started on a free port from a generated config in a temp
 * folder, stopped by pid. `mosquittoPath` is null when Debian's mosquitto is not installed
 * (scripts/install-test-deps.sh installs it; CI has it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { freePort } from './net.js';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const mosquittoPath: string | null = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p)) ?? null;

if (!mosquittoPath) {
  process.stderr.write('\n!!! mosquitto is not installed: the MQTT nudge tests are SKIPPED (run scripts/install-test-deps.sh) !!!\n\n');
}

export interface Broker {
  url: string;
  port: number;
  dir: string;
  /** With tls: PEM files of the CA and a client certificate it signed. */
  tls?: { ca: string; cert: string; key: string };
  stop(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all EC P-256. */
function makeCertificates(dir: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=otactl test CA'], dir);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const [name, cn, ext] of [['server', 'localhost', ['-extfile', 'server.ext']], ['client', 'device-client', []]] as const) {
    openssl(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', ...ext], dir);
  }
}

export async function startMosquitto(opts: { tls?: boolean } = {}): Promise<Broker> {
  if (!mosquittoPath) throw new Error('mosquitto is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'otactl-mqtt-'));
  const port = await freePort();
  const lines = [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error'];
  if (opts.tls) {
    makeCertificates(dir);
    lines.push(`cafile ${join(dir, 'ca.pem')}`, `certfile ${join(dir, 'server.pem')}`, `keyfile ${join(dir, 'server.key')}`, 'require_certificate true', 'tls_version tlsv1.2');
  }
  writeFileSync(join(dir, 'mosquitto.conf'), `${lines.join('\n')}\n`);
  // Started as root, mosquitto drops to the mosquitto user, which must read these (test-only keys).
  chmodSync(dir, 0o755);
  for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
  const child: ChildProcess = spawn(mosquittoPath, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const tls = opts.tls ? { ca: readFileSync(join(dir, 'ca.pem')), cert: readFileSync(join(dir, 'client.pem')), key: readFileSync(join(dir, 'client.key')) } : null;
  await waitForPort(port, child, () => log, tls);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    url: `${opts.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    port,
    dir,
    ...(opts.tls ? { tls: { ca: join(dir, 'ca.pem'), cert: join(dir, 'client.pem'), key: join(dir, 'client.key') } } : {}),
    stop,
  };
}

/** Ready: a TCP connection, or with TLS a completed handshake (mosquitto opens the port before it loads its certificates). */
async function waitForPort(port: number, child: ChildProcess, log: () => string, tls: { ca: Buffer; cert: Buffer; key: Buffer } | null): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((r) => {
      const ready = () => {
        s.destroy();
        r(true);
      };
      const s: Socket = tls ? tlsConnect({ port, host: '127.0.0.1', ...tls }, ready) : connect(port, '127.0.0.1', ready);
      s.on('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within 20 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
