import type { StructuredLogger } from '@gatehouse/shared-observability';
import type { HandshakeResponse, WatchResponse } from '@gatehouse/shared-proto';
import { KEY_HASH_ALGORITHMS, KeyHashAlgorithm } from '@gatehouse/shared-tyk-compat';

import type { CatalogueMirror } from './catalogue-mirror';
import type { BridgeConnection, BridgeConnector } from './hybrid-ports';

export interface BridgeLinkOptions {
  /** Bridges to try in turn; any bridge serves any group. */
  addresses: string[];
  nodeToken: string;
  orgId: string;
  groupId: string;
  nodeId: string;
  version: string;
  tags: string[];
  /** No message (not even a heartbeat) for this long means the link is dead. */
  stallTimeoutMs: number;
  reconnectMaxMs: number;
  callTimeoutMs: number;
}

export interface BridgeLinkHandlers {
  /** The mirror's config changed: rebuild what is served and store the emergency snapshot. */
  configChanged(): void;
  /** A key changed or was revoked on the control plane. */
  keyEvicted(keyHash: string, rev: number): Promise<void>;
  /** A snapshot replaced a cursor that could not be resumed: key copies may have missed revocations. */
  resumeFailed(): Promise<void>;
  /** The org's key hashing arrived or changed: ids computed before are stale. */
  keyHashingChanged(): void;
}

const HASH_ALGORITHMS: readonly string[] = KEY_HASH_ALGORITHMS;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The gateway's connection to the control plane: handshake, then one Watch applied message by message
 * into the mirror; on any failure it retries with jittered exponential backoff on the next bridge,
 * resuming from the mirror's cursor.
 */
export class BridgeLink {
  private stopped = false;
  private live = false;
  private current?: BridgeConnection;
  private cancelStream?: () => void;
  private loop?: Promise<void>;
  private firstSync?: () => void;
  readonly synced: Promise<void>;

  constructor(
    private readonly mirror: CatalogueMirror,
    private readonly handlers: BridgeLinkHandlers,
    private readonly options: BridgeLinkOptions,
    private readonly logger: StructuredLogger,
    private readonly connect: BridgeConnector,
  ) {
    this.synced = new Promise((resolve) => (this.firstSync = resolve));
  }

  /** True while a Watch is streaming; false means the gateway serves from what it holds (emergency). */
  get connected(): boolean {
    return this.live;
  }

  /** The client of the live link, for key back-fills and status reports. */
  get client(): BridgeConnection | undefined {
    return this.live ? this.current : undefined;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelStream?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    for (let attempt = 0; !this.stopped; attempt++) {
      const address = this.options.addresses[attempt % this.options.addresses.length];
      let client: BridgeConnection | undefined;
      const started = Date.now();
      try {
        client = this.connect(address);
        this.current = client;
        const session = await client.handshake({
          orgId: this.options.orgId,
          groupId: this.options.groupId,
          nodeId: this.options.nodeId,
          version: this.options.version,
          tags: this.options.tags,
        });
        this.adoptKeyHashing(session);
        this.logger.info({ bridge: address, cursor: this.mirror.cursor }, 'bridge handshake done; watching');
        await this.watch(client);
      } catch (error) {
        this.logger.warn({ bridge: address, err: (error as Error).message }, 'bridge unreachable');
      }
      this.live = false;
      client?.close();
      if (this.stopped) break;
      // A link that held for a while starts the backoff over.
      failures = Date.now() - started > 10_000 ? 0 : failures + 1;
      const ceiling = Math.min(this.options.reconnectMaxMs, 100 * 2 ** failures);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }

  private watch(client: BridgeConnection): Promise<void> {
    return new Promise((resolve) => {
      const resumedFrom = this.mirror.cursor;
      const call = client.watch({ nodeId: this.options.nodeId, cursor: resumedFrom });
      let queue = Promise.resolve();
      let watchdog: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(watchdog);
        resolve();
      };
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          this.logger.warn({ bridge: client.address }, 'bridge stream stalled; reconnecting');
          call.cancel();
        }, this.options.stallTimeoutMs);
      };
      this.cancelStream = () => call.cancel();
      arm();
      call.on('data', (message: WatchResponse) => {
        arm();
        queue = queue
          .then(() => this.handle(message, resumedFrom))
          .catch((error: Error) => {
            this.logger.warn({ err: error.message }, 'applying a bridge message failed; resyncing');
            call.cancel();
          });
      });
      call.on('error', (error: Error) => {
        if (!this.stopped) this.logger.warn({ err: error.message }, 'bridge stream ended');
        void queue.then(finish);
      });
      call.on('end', () => void queue.then(finish));
    });
  }

  private async handle(message: WatchResponse, resumedFrom: number): Promise<void> {
    if (message.snapshotBegin) this.mirror.beginSnapshot();
    else if (message.api) this.mirror.stage({ kind: 'api', ...this.entity(message.api) });
    else if (message.policy) this.mirror.stage({ kind: 'policy', ...this.entity(message.policy) });
    else if (message.snapshotEnd) {
      this.mirror.commitSnapshot(message.snapshotEnd.cursor);
      if (resumedFrom > 0) await this.handlers.resumeFailed();
      this.handlers.configChanged();
      this.markLive();
    } else if (message.change) {
      const { kind, id, rev, deleted, documentJson, cursor } = message.change;
      const document = deleted ? undefined : (JSON.parse(documentJson) as Record<string, unknown>);
      const changed = this.mirror.apply(kind === 'ENTITY_KIND_POLICY' ? 'policy' : 'api', id, rev, document);
      this.mirror.advance(cursor);
      if (changed) this.handlers.configChanged();
    } else if (message.keyEvict) {
      await this.handlers.keyEvicted(message.keyEvict.keyHash, message.keyEvict.rev);
      this.mirror.advance(message.keyEvict.cursor);
    } else if (message.heartbeat) {
      this.mirror.advance(message.heartbeat.cursor);
      this.markLive();
    }
  }

  /** A bridge that sends no usable key hashing is refused: keys would be hashed some other way. */
  private adoptKeyHashing(session: HandshakeResponse): void {
    const hashing = session.keyHashing;
    if (!hashing || !HASH_ALGORITHMS.includes(hashing.algorithm))
      throw new Error(`the bridge sent no usable key hashing (${hashing?.algorithm ?? 'none'})`);
    if (hashing.algorithm === 'hmac-sha256' && hashing.key.length !== 32)
      throw new Error('the bridge sent a key hashing key of the wrong length');
    const changed = this.mirror.setKeyHashing({
      algorithm: hashing.algorithm as KeyHashAlgorithm,
      key: hashing.algorithm === 'hmac-sha256' ? Buffer.from(hashing.key).toString('base64') : undefined,
    });
    if (changed) this.handlers.keyHashingChanged();
  }

  private entity(entity: { id: string; rev: number; documentJson: string }) {
    return {
      id: entity.id,
      rev: entity.rev,
      document: JSON.parse(entity.documentJson) as Record<string, unknown>,
    };
  }

  private markLive(): void {
    this.live = true;
    this.firstSync?.();
  }
}
