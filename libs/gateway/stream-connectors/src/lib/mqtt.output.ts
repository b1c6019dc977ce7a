import type { MqttOutput } from '@gatehouse/shared-streams';
import type { MqttClient } from 'mqtt';

import type { ConnectorContext, OutputConnector } from './connector-types';
import { mqttClient } from './mqtt-client';

/** Bento's `mqtt` output: each message published at the definition's QoS, within `write_timeout`. */
export class MqttOutputConnector implements OutputConnector {
  private client?: MqttClient;
  /** Resolves once the client first connects; mqtt.js queues publishes while it reconnects later. */
  private connected?: Promise<void>;

  constructor(
    private readonly config: MqttOutput,
    private readonly context: ConnectorContext,
  ) {}

  async write(
    content: string,
    _meta: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<void> {
    const client = this.connect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('MQTT publish timed out')), this.config.write_timeout);
    });
    const publish = async () => {
      await this.connected;
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
    await this.client?.endAsync();
    this.client = undefined;
  }

  private connect(): MqttClient {
    if (!this.client) {
      const client = mqttClient(this.config, this.context.nodeId);
      client.on('error', (error) => this.context.reportError(error));
      this.client = client;
      this.connected = new Promise((resolve) => client.once('connect', () => resolve()));
    }
    return this.client;
  }
}
