import type { MqttInput } from '@gatehouse/shared-streams';
import type { MqttClient } from 'mqtt';

import type { ConnectorContext, Ingest, InputConnector } from './connector-types';
import { mqttClient } from './mqtt-client';

/**
 * Bento's `mqtt` input, read once per region through an MQTT shared subscription
 * (`$share/<region group>/<topic>`): the broker gives each message to one of the region's gateways. A
 * QoS 1 or 2 message is acknowledged only once it is in the region's log, so a gateway that dies before
 * that leaves it to the broker to deliver again.
 */
export class MqttInputConnector implements InputConnector {
  private client?: MqttClient;
  private stopped = false;

  constructor(
    private readonly config: MqttInput,
    private readonly ingest: Ingest,
    private readonly context: ConnectorContext,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const group = this.context.group();
    const client = await mqttClient(this.config, this.context.nodeId, {
      clean: this.config.clean_session,
      customHandleAcks: (topic, payload, packet, done) => {
        this.deliver(topic, payload, packet.qos, packet.retain).then(
          () => done(0),
          // "Unspecified error": the broker may deliver it again.
          () => done(128),
        );
      },
    });
    // Stopped while mqtt.js loaded: the client it made is not wanted.
    if (this.stopped) return void (await client.endAsync());
    this.client = client;
    client.on('error', (error) => this.context.reportError(error));
    client.on('message', (topic, payload, packet) => {
      // QoS 0 messages skip customHandleAcks; nothing to acknowledge.
      if (packet.qos === 0)
        void this.deliver(topic, payload, 0, packet.retain).catch((e: Error) => this.context.reportError(e));
    });
    client.on('connect', () => {
      const filters = this.config.topics.map((topic) => `$share/${group}/${topic}`);
      client.subscribe(filters, { qos: this.config.qos }, (error) => {
        if (error) this.context.reportError(error);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.endAsync();
    this.client = undefined;
  }

  private deliver(topic: string, payload: Buffer, qos: number, retained: boolean): Promise<void> {
    return this.ingest(payload.toString('utf8'), {
      mqtt_topic: topic,
      mqtt_qos: String(qos),
      mqtt_retained: String(retained),
    });
  }
}
