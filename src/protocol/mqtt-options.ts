/**
 * How a client connects to the MQTT broker that carries nudges, shared by the sender (src/nudge/mqtt.ts)
 * and the device SDK's listener: MQTT 5, a clean session, a unique client id (brokers such as AWS
 * IoT drop an older session with the same id), TLS verified for mqtts://.
 */
import { randomBytes } from 'node:crypto';
import type { IClientOptions } from 'mqtt';
import { ValidationError } from '../errors.js';
import { redactUrl, registerSecret, registerUrlSecrets } from '../util/redact.js';

export interface MqttSettings {
  /** mqtt://host:port or mqtts://host:port */
  url: string;
  /** PEM bytes for mqtts:// (server CA; client certificate and key for mutual TLS). */
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  connectTimeoutMs?: number;
  /** Defaults to otactl-<random>. */
  clientId?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Options for mqtt.connect shared by the sender and the device listener. */
export function mqttClientOptions(s: MqttSettings, clientIdPrefix: string): IClientOptions {
  // The URL's password and the client key are masked in every output.
  registerUrlSecrets(s.url);
  registerSecret(s.key);
  let url: URL;
  try {
    url = new URL(s.url);
  } catch {
    throw new ValidationError(`MQTT URL "${redactUrl(s.url)}" is not a URL (use mqtt://host:port or mqtts://host:port)`, 'E_MQTT_URL');
  }
  if (url.protocol !== 'mqtt:' && url.protocol !== 'mqtts:') {
    throw new ValidationError(`MQTT URL "${redactUrl(s.url)}" must start with mqtt:// or mqtts://`, 'E_MQTT_URL');
  }
  return {
    protocolVersion: 5,
    clientId: s.clientId ?? `${clientIdPrefix}-${randomBytes(6).toString('hex')}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: s.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.cert ? { cert: s.cert } : {}),
    ...(s.key ? { key: s.key } : {}),
    ...(url.protocol === 'mqtts:' ? { rejectUnauthorized: true } : {}),
  };
}
