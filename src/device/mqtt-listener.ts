/**
 * Subscribes a device to its nudge topics (its own and its channel's, QoS 1) and hands every
 * message to a NudgeHandler. Reconnects on its own (a device stays subscribed).
 */
import type { MqttClient } from 'mqtt';
import { mqttClientOptions, type MqttSettings } from '../protocol/mqtt-options.js';
import { mqttChannelTopic, mqttDeviceTopic } from '../protocol/nudge-topics.js';
import type { NudgeHandler } from './nudge.js';

export interface NudgeListener {
  client: MqttClient;
  close(): Promise<void>;
}

export async function listenForNudges(settings: MqttSettings, who: { app: string; channel: string; deviceId: string }, handler: NudgeHandler): Promise<NudgeListener> {
  // lazy: the MQTT client is a large package; an SDK user who never listens does not load it
  const { connectAsync } = await import('mqtt');
  const opts = { ...mqttClientOptions(settings, `dev-${who.deviceId}`.slice(0, 40)), reconnectPeriod: 1000 };
  const client = await connectAsync(settings.url, opts, false);
  const topics = [mqttDeviceTopic(who.app, who.channel, who.deviceId), mqttChannelTopic(who.app, who.channel)];
  client.on('message', (topic, payload) => {
    if (topics.includes(topic)) handler.handle(payload);
  });
  await client.subscribeAsync(topics, { qos: 1 });
  return { client, close: () => client.endAsync() };
}
