/** Where a nudge is addressed, shared by the sender and the device SDK's listener. */

/** MQTT: per device `ota/{app}/{channel}/{device_id}`; the whole channel `ota/{app}/{channel}`. */
export function mqttDeviceTopic(app: string, channel: string, deviceId: string): string {
  return `ota/${app}/${channel}/${deviceId}`;
}

export function mqttChannelTopic(app: string, channel: string): string {
  return `ota/${app}/${channel}`;
}

/** A device id that cannot be one MQTT topic level (wildcards, separators, NUL). */
export function mqttUnsafeId(deviceId: string): boolean {
  return /[/+#\u0000]/.test(deviceId);
}

/**
 * FCM topic of an app's channel. FCM topic names allow [a-zA-Z0-9-_.~%]; app ids and channel
 * names never contain "~", so it separates them unambiguously.
 */
export function fcmTopic(app: string, channel: string): string {
  return `ota~${app}~${channel}`;
}

/** Collapse key: a newer nudge for the same app and channel replaces an undelivered older one. */
export function collapseKey(app: string, channel: string): string {
  return `ota~${app}~${channel}`;
}
