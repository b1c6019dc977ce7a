import type { InputSpec, LeafOutputSpec, SourcePosition } from '@gatehouse/shared-streams';

/**
 * Hands a message from a broker to the stream: resolves once it is in the region's log. `position`
 * (a Kafka partition's offset) lets a redelivery after a rebalance be recognised and appended once.
 */
export type Ingest = (
  content: string,
  meta: Record<string, string>,
  position?: SourcePosition,
) => Promise<void>;

/** A broker input (kafka, mqtt, websocket), consumed once per region by the region's gateways. */
export interface InputConnector {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Something that delivers outside the gateway (kafka, mqtt, http_client): one message at a time.
 * `fields` are values the publisher's request gave templated fields (`key`, `topic`, `headers.<name>`).
 */
export interface OutputConnector {
  write(content: string, meta: Record<string, string>, fields?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectorContext {
  /** This gateway's id, for client ids. */
  nodeId: string;
  /** A failure the connector recovers from by itself (it retries): reported in status and metrics. */
  reportError(error: Error): void;
  /**
   * The broker consumer group (or MQTT shared-subscription name) for this stream in this region,
   * with the definition's own name kept inside it, never used alone.
   */
  group(requested?: string): string;
}

export type BrokerInput = Exclude<InputSpec, { type: 'http_server' }>;
export type RemoteOutput = Exclude<LeafOutputSpec, { type: 'http_server' }>;

/** Makes connectors for the components that talk to brokers; http_server is the gateway itself. */
export interface ConnectorFactory {
  input(input: BrokerInput, ingest: Ingest, context: ConnectorContext): InputConnector;
  output(output: RemoteOutput, context: ConnectorContext): OutputConnector;
}
