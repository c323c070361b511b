/**
 * MQTT (ESP32 fleets): one connection per run with a unique client id (brokers such as AWS IoT
 * drop an older session with the same id), QoS 1, MQTT 5 message expiry equal to the nudge
 * window (a device ignores an older nudge anyway), and a clean disconnect at the end.
 */
import type { MqttClient } from 'mqtt';
import { TransportError } from '../errors.js';
import { redactUrl } from '../util/redact.js';
import { mqttClientOptions, type MqttSettings } from '../protocol/mqtt-options.js';
import { ALL_DEVICES, NUDGE_WINDOW_SECONDS, type NudgeMessage } from '../protocol/nudge-message.js';
import { mqttChannelTopic, mqttDeviceTopic } from '../protocol/nudge-topics.js';
import { networkCode, type NudgeTarget, type NudgeTransport, type SendOutcome } from './transport.js';

/** Connects or throws TransportError (exit 7) within the connect timeout. */
export async function connectMqtt(s: MqttSettings, clientIdPrefix: string): Promise<MqttClient> {
  const opts = mqttClientOptions(s, clientIdPrefix);
  // lazy: the MQTT client is a large package; only a run that sends over MQTT loads it
  const { connectAsync } = await import('mqtt');
  try {
    return await connectAsync(s.url, opts, false);
  } catch (err) {
    const message = (err as Error).message;
    const why =
      message === 'connack timeout'
        ? `no MQTT answer (CONNACK) within the connect timeout of ${opts.connectTimeout} ms: the port accepts connections but nothing there speaks MQTT`
        : `${networkCode(err) === 'Error' ? message : `${networkCode(err)} ${message}`} (connect timeout ${opts.connectTimeout} ms)`;
    throw new TransportError(`cannot connect to the MQTT broker ${redactUrl(s.url)}: ${why}`, 'E_NUDGE_UNREACHABLE', { url: redactUrl(s.url) });
  }
}

export class MqttTransport implements NudgeTransport {
  readonly via = 'mqtt';
  private client: MqttClient | null = null;

  constructor(private readonly settings: MqttSettings) {}

  async open(): Promise<void> {
    this.client = await connectMqtt(this.settings, 'otactl');
  }

  async send(target: NudgeTarget, message: NudgeMessage): Promise<SendOutcome> {
    const topic = target.deviceId === ALL_DEVICES ? mqttChannelTopic(message.app, message.channel) : mqttDeviceTopic(message.app, message.channel, target.deviceId);
    try {
      await this.client!.publishAsync(topic, JSON.stringify(message), { qos: 1, retain: false, properties: { messageExpiryInterval: NUDGE_WINDOW_SECONDS } });
      return { status: 'sent', retries: 0 };
    } catch (err) {
      return { status: 'failed', retries: 0, code: networkCode(err), error: `publish to ${topic}: ${(err as Error).message}` };
    }
  }

  async close(): Promise<void> {
    await this.client?.endAsync();
    this.client = null;
  }
}
