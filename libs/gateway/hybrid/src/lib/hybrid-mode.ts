import type { GrpcClientTls, StreamStatus } from '@gatehouse/shared-proto';
import type { StructuredLogger } from '@gatehouse/shared-observability';
import { BridgeClient } from '@gatehouse/shared-proto';
import { KeyHasher, LegacyKeyHash } from '@gatehouse/shared-tyk-compat';

import { BackfillingSessionFinder, BackfillOutcome } from './backfilling-session-finder';
import { BridgeLink, BridgeLinkOptions } from './bridge-link';
import { CatalogueMirror, MANAGED_BY_CONTROL_PLANE } from './catalogue-mirror';
import { EmergencySnapshots } from './emergency-snapshots';
import type { BridgeConnector, KeyCache, RegionalSessions, SnapshotStore } from './hybrid-ports';
import { SnapshotSchedule } from './snapshot-schedule';
import { StatusReporter } from './status-reporter';

/** Until the gateway's key cache is attached nothing is cached, so there is nothing to forget. */
const NO_KEY_CACHE: KeyCache = { invalidate: () => undefined, clear: () => undefined };

export interface HybridModeOptions extends BridgeLinkOptions {
  /** Tyk hashes whose ids are still looked up (through the bridge), for keys imported by Tyk hash. */
  migrateFrom: LegacyKeyHash[];
  backfillsPerSecond: number;
  statusIntervalMs: number;
  /** How long a gateway without an emergency snapshot waits for its first sync before listening. */
  initialSyncTimeoutMs: number;
  /** The emergency snapshot is written at most this often while changes arrive, and on stop. */
  snapshotIntervalMs: number;
}

export interface HybridModeDependencies {
  /** Resolves when regional Redis answers (or gives up waiting): the emergency snapshot is read from it. */
  regionReady: () => Promise<void>;
  snapshotStore: SnapshotStore;
  sessions: RegionalSessions;
  requestsTotal: () => number;
  /** The streams this node runs, reported with its status. */
  streams?: () => StreamStatus[];
  logger: StructuredLogger;
  backfilled?: (outcome: BackfillOutcome) => void;
  /** How to reach a bridge; the real gRPC client unless a spec hands in a fake. */
  connect?: BridgeConnector;
  /** TLS to the bridges (its certificate files are watched until stop); plaintext without it. */
  tls?: GrpcClientTls;
}

/** How a hybrid gateway came up: synced from a bridge, from its region's emergency snapshot, or empty. */
export type HybridStart = 'bridge' | 'emergency-snapshot' | 'empty';

/**
 * Everything a gateway needs to be managed by the control plane: the mirror of its group's config fed
 * by the bridge link (the runtime's ConfigSource: it applies each change as it comes), key back-fill,
 * status reports, and the encrypted emergency snapshot that lets any gateway of the group serve while
 * the control plane is unreachable.
 */
export class HybridMode {
  readonly mirror = new CatalogueMirror();
  /** Why the Gateway API refuses writes in this mode (Tyk's wording). */
  readonly readOnlyReason = MANAGED_BY_CONTROL_PLANE;
  readonly link: BridgeLink;
  readonly finder: BackfillingSessionFinder;
  private readonly snapshots: EmergencySnapshots;
  private readonly schedule: SnapshotSchedule;
  private readonly reporter: StatusReporter;
  private keyCache = NO_KEY_CACHE;
  private hasher?: KeyHasher;

  constructor(
    private readonly options: HybridModeOptions,
    private readonly deps: HybridModeDependencies,
  ) {
    this.snapshots = new EmergencySnapshots(deps.snapshotStore, options.nodeToken, options);
    this.schedule = new SnapshotSchedule(
      this.snapshots,
      () => this.mirror.state(),
      options.snapshotIntervalMs,
      deps.logger,
    );
    this.link = new BridgeLink(
      this.mirror,
      {
        configChanged: () => this.schedule.changed(),
        keyEvicted: (keyHash, rev) => this.evictCopy(keyHash, rev),
        resumeFailed: () => this.forgetRegionalKeys(),
        keyHashingChanged: () => this.keyHashingChanged(),
      },
      options,
      deps.logger,
      deps.connect ??
        ((address) =>
          new BridgeClient(address, options.nodeToken, {
            callTimeoutMs: options.callTimeoutMs,
            tls: deps.tls,
          })),
    );
    this.finder = new BackfillingSessionFinder(
      deps.sessions,
      this.link,
      options.backfillsPerSecond,
      deps.logger,
      deps.backfilled,
    );
    this.reporter = new StatusReporter(
      this.link,
      this.mirror,
      { nodeId: options.nodeId, requestsTotal: deps.requestsTotal, streams: deps.streams },
      options.statusIntervalMs,
      deps.logger,
    );
  }

  /**
   * How this gateway computes key ids: the org's hashing as the bridge (or the emergency snapshot) gave
   * it. Undefined until then, and every key is refused: the gateway never guesses a hash function.
   */
  get keyHasher(): KeyHasher | undefined {
    if (this.hasher) return this.hasher;
    const hashing = this.mirror.keyHashing;
    if (!hashing) return undefined;
    try {
      this.hasher = new KeyHasher(
        {
          algorithm: hashing.algorithm,
          key: hashing.key === undefined ? undefined : Buffer.from(hashing.key, 'base64'),
        },
        this.options.migrateFrom,
      );
    } catch {
      // A snapshot without a usable key: refuse keys until the bridge sends one.
      return undefined;
    }
    return this.hasher;
  }

  /** The gateway's key cache, built on this mode's finder and hasher: told of evictions from now on. */
  attachKeyCache(cache: KeyCache): void {
    this.keyCache = cache;
  }

  /**
   * Restores the emergency snapshot if there is one (the mirror then asks its runtime for a full
   * build), connects to the bridges and waits for the first sync up to `initialSyncTimeoutMs`.
   */
  async start(): Promise<HybridStart> {
    await this.deps.regionReady();
    const restored = await this.snapshots.load().catch((error: Error) => {
      this.deps.logger.warn({ err: error.message }, 'emergency snapshot unreadable');
      return undefined;
    });
    if (restored) {
      this.mirror.restore(restored);
      this.deps.logger.info(
        { cursor: restored.cursor },
        'serving from the emergency snapshot until the bridge answers',
      );
    }
    this.link.start();
    this.reporter.start();
    // The control plane hears from a node as soon as it has synced, not one interval later.
    void this.link.synced.then(() => this.reporter.report());
    if (restored) return 'emergency-snapshot';
    let timer: NodeJS.Timeout | undefined;
    const synced = await Promise.race([
      this.link.synced.then(() => true),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), this.options.initialSyncTimeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    return synced ? 'bridge' : 'empty';
  }

  async stop(): Promise<void> {
    this.reporter.stop();
    await this.link.stop();
    this.deps.tls?.close();
    await this.schedule.flush();
  }

  private keyHashingChanged(): void {
    this.hasher = undefined;
    this.keyCache.clear();
    // The new hashing must reach the emergency snapshot even if no API or policy changes.
    this.schedule.changed();
  }

  private async evictCopy(keyId: string, rev: number): Promise<void> {
    const dropped = await this.deps.sessions.dropCopy(keyId, rev).catch((error: Error) => {
      this.deps.logger.warn({ err: error.message }, 'could not drop an evicted key from regional Redis');
      return true;
    });
    if (dropped) this.keyCache.invalidate([keyId]);
  }

  private async evict(keyIds: string[]): Promise<void> {
    this.keyCache.invalidate(keyIds);
    await Promise.all(keyIds.map((keyId) => this.deps.sessions.delete(keyId))).catch((error: Error) => {
      this.deps.logger.warn({ err: error.message }, 'could not drop an evicted key from regional Redis');
    });
  }

  /** Revocations older than the change log's retention were missed: copies are dropped, then re-fetched. */
  private async forgetRegionalKeys(): Promise<void> {
    const keyIds = await this.deps.sessions.listIds().catch(() => []);
    await this.evict(keyIds);
    this.deps.logger.info(
      { keys: keyIds.length },
      'change log could not be resumed; dropped regional key copies',
    );
  }
}
