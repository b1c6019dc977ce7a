import { duplicateConnection, RedisConnection } from './redis-connection';
import { createHash } from 'node:crypto';

/** Tyk's cluster channel and message shape (`gateway/redis_signals.go`), so Tyk tooling interoperates. */
export const CLUSTER_CHANNEL = 'tyk.cluster.notifications';

export type ClusterCommand = 'KeySpaceUpdateNotification' | 'GroupReload' | 'ApiUpdated' | 'PolicyChanged';

export interface ClusterNotification {
  command: string;
  payload: string;
}

interface WireNotification {
  command: string;
  payload: string;
  signature: string;
  algorithm: number;
}

/** Go's crypto.SHA256 constant, which Tyk writes in `algorithm`. */
const GO_SHA256 = 5;

function sign(command: string, payload: string, secret: string): string {
  return createHash('sha256')
    .update(command + payload + secret)
    .digest('hex');
}

/**
 * Publishes and receives cluster notifications. Messages are signed with the node secret; unsigned or
 * wrongly signed messages are ignored unless `allowUnsigned` (Tyk's `allow_insecure_configs`).
 */
export class ClusterNotifications {
  private subscriber?: RedisConnection;

  constructor(
    private readonly redis: RedisConnection,
    private readonly nodeSecret: string,
    private readonly allowUnsigned = false,
  ) {}

  async publish(command: ClusterCommand, payload = ''): Promise<void> {
    const message: WireNotification = {
      command,
      payload,
      signature: sign(command, payload, this.nodeSecret),
      algorithm: GO_SHA256,
    };
    await this.redis.publish(CLUSTER_CHANNEL, JSON.stringify(message));
  }

  async subscribe(handler: (notification: ClusterNotification) => void): Promise<void> {
    // A subscribed connection can run no other command, hence a connection of its own.
    this.subscriber = duplicateConnection(this.redis, { enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, text: string) => {
      const message = this.parse(text);
      if (message) handler(message);
    });
    await this.subscriber.subscribe(CLUSTER_CHANNEL);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }

  private parse(text: string): ClusterNotification | undefined {
    try {
      const message = JSON.parse(text) as Partial<WireNotification>;
      if (typeof message.command !== 'string') return undefined;
      const payload = typeof message.payload === 'string' ? message.payload : '';
      const valid = message.signature === sign(message.command, payload, this.nodeSecret);
      return valid || this.allowUnsigned ? { command: message.command, payload } : undefined;
    } catch {
      return undefined;
    }
  }
}
