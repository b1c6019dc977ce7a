import type { KafkaInput, KafkaOutput } from '@gatehouse/shared-streams';
import { Kafka, logLevel, SASLOptions } from 'kafkajs';

type Connection = Pick<KafkaInput | KafkaOutput, 'addresses' | 'client_id' | 'tls' | 'sasl'>;

function saslOf(sasl: Connection['sasl']): SASLOptions | undefined {
  if (!sasl || sasl.mechanism === 'none') return undefined;
  const credentials = { username: sasl.user, password: sasl.password };
  if (sasl.mechanism === 'PLAIN') return { mechanism: 'plain', ...credentials };
  return {
    mechanism: sasl.mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512',
    ...credentials,
  };
}

/** A kafkajs client for a stream component: its brokers, TLS and SASL, and a client id per gateway. */
export function kafkaClient(config: Connection, nodeId: string, timeoutMs = 10_000): Kafka {
  return new Kafka({
    clientId: `${config.client_id}-${nodeId}`.slice(0, 200),
    brokers: config.addresses,
    ssl: config.tls?.enabled ? { rejectUnauthorized: !config.tls.skip_cert_verify } : undefined,
    sasl: saslOf(config.sasl),
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: Math.max(timeoutMs, 30_000),
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5000 },
  });
}
