import type { MqttInput, MqttOutput } from '@gatehouse/shared-streams';
import type { IClientOptions, MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';

type Connection = Pick<
  MqttInput | MqttOutput,
  'urls' | 'client_id' | 'user' | 'password' | 'keepalive' | 'connect_timeout' | 'tls'
>;

/** `tcp://h:p` and `ssl://h:p` as mqtt.js names them. */
function brokerUrl(url: string): string {
  return url.replace(/^tcp:/, 'mqtt:').replace(/^(ssl|tls):/, 'mqtts:');
}

/**
 * An MQTT 5 client for a stream component. The client id is made unique per gateway (two clients with
 * one id throw each other off the broker), and mqtt.js reconnects by itself, across every URL given.
 */
export async function mqttClient(
  config: Connection,
  nodeId: string,
  extra: IClientOptions = {},
): Promise<MqttClient> {
  // Loaded when a stream first needs it, as kafkajs (see loadKafkajs).
  const { connect } = await import('mqtt');
  const [first, ...others] = config.urls.map(brokerUrl);
  const suffix = `${nodeId}-${randomBytes(3).toString('hex')}`;
  return connect(first, {
    clientId: `${config.client_id || 'gatehouse'}-${suffix}`.slice(0, 128),
    servers:
      others.length > 0
        ? [first, ...others].map((url) => {
            const parsed = new URL(url);
            return {
              host: parsed.hostname,
              port: Number(parsed.port),
              protocol: parsed.protocol.replace(':', '') as 'mqtt',
            };
          })
        : undefined,
    username: config.user || undefined,
    password: config.password || undefined,
    keepalive: config.keepalive,
    connectTimeout: config.connect_timeout,
    reconnectPeriod: 1000,
    protocolVersion: 5,
    rejectUnauthorized: !(config.tls?.skip_cert_verify ?? false),
    ...extra,
  });
}
