import type { ConnectorFactory } from './connector-types';
import { HttpClientOutputConnector } from './http-client.output';
import { KafkaInputConnector } from './kafka.input';
import { KafkaOutputConnector } from './kafka.output';
import { MqttInputConnector } from './mqtt.input';
import { MqttOutputConnector } from './mqtt.output';
import { WebSocketInputConnector } from './websocket.input';

/** The connectors of every broker component, one file each (as the pump's sinks). */
export function streamConnectors(): ConnectorFactory {
  return {
    input(input, ingest, context) {
      switch (input.type) {
        case 'kafka':
          return new KafkaInputConnector(input.config, ingest, context);
        case 'mqtt':
          return new MqttInputConnector(input.config, ingest, context);
        case 'websocket':
          return new WebSocketInputConnector(input.config, ingest, context);
      }
    },
    output(output, context) {
      switch (output.type) {
        case 'kafka':
          return new KafkaOutputConnector(output.config, context);
        case 'mqtt':
          return new MqttOutputConnector(output.config, context);
        case 'http_client':
          return new HttpClientOutputConnector(output.config);
      }
    },
  };
}
