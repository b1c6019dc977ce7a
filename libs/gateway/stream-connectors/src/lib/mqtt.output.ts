import type { MqttOutput } from '@gatehouse/shared-streams';
import type { MqttClient } from 'mqtt';

import type { ConnectorContext, OutputConnector } from './connector-types';
import { mqttClient } from './mqtt-client';

/** Bento's `mqtt` output: each message published at the definition's QoS, within `write_timeout`. */
export class MqttOutputConnector implements OutputConnector {
  private client?: MqttClient;
  /** Resolves once the client first connects; mqtt.js queues publishes while it reconnects later. */
  private connected?: Promise<MqttClient>;

  constructor(
    private readonly config: MqttOutput,
    private readonly context: ConnectorContext,
  ) {}

  async write(
    content: string,
    _meta: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('MQTT publish timed out')), this.config.write_timeout);
    });
    const publish = async () => {
      const client = await this.connect();
      await client.publishAsync(fields['topic'] ?? this.config.topic, content, {
        qos: this.config.qos,
        retain: this.config.retained,
      });
    };
    try {
      await Promise.race([publish(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connected = undefined;
    await client?.endAsync();
  }

  private connect(): Promise<MqttClient> {
    if (this.connected) return this.connected;
    const connecting: Promise<MqttClient> = mqttClient(this.config, this.context.nodeId).then((client) => {
      // Closed while mqtt.js loaded: this client is not wanted.
      if (this.connected !== connecting) {
        void client.endAsync();
        throw new Error('MQTT output closed');
      }
      client.on('error', (error) => this.context.reportError(error));
      this.client = client;
      return new Promise<MqttClient>((resolve) => client.once('connect', () => resolve(client)));
    });
    this.connected = connecting;
    return connecting;
  }
}
