import type { StructuredLogger } from '@gatehouse/shared-observability';
import { BridgeClient } from '@gatehouse/shared-proto';
import { KeyHasher, LegacyKeyHash } from '@gatehouse/shared-tyk-compat';

import { BackfillingSessionFinder, BackfillOutcome } from './backfilling-session-finder';
import { BridgeLink, BridgeLinkOptions } from './bridge-link';
import { CatalogueMirror } from './catalogue-mirror';
import { EmergencySnapshots } from './emergency-snapshots';
import type { BridgeConnector, KeyCache, RegionalSessions, SnapshotStore } from './hybrid-ports';
import { StatusReporter } from './status-reporter';

export interface HybridModeOptions extends BridgeLinkOptions {
  /** Tyk hashes whose ids are still looked up (through the bridge), for keys imported by Tyk hash. */
  migrateFrom: LegacyKeyHash[];
  backfillsPerSecond: number;
  statusIntervalMs: number;
  /** How long a gateway without an emergency snapshot waits for its first sync before listening. */
  initialSyncTimeoutMs: number;
}

export interface HybridModeDependencies {
  /** Resolves when regional Redis answers (or gives up waiting): the emergency snapshot is read from it. */
  regionReady: () => Promise<void>;
  snapshotStore: SnapshotStore;
  sessions: RegionalSessions;
  /** Late-bound: the key cache is built on top of this mode's session finder. */
  keyCache: () => KeyCache;
  /** Rebuilds what the gateway serves from the mirror. */
  reload: () => Promise<{ ok: boolean; errors: string[] }>;
  requestsTotal: () => number;
  logger: StructuredLogger;
  backfilled?: (outcome: BackfillOutcome) => void;
  /** How to reach a bridge; the real gRPC client unless a spec hands in a fake. */
  connect?: BridgeConnector;
}

/** How a hybrid gateway came up: synced from a bridge, from its region's emergency snapshot, or empty. */
export type HybridStart = 'bridge' | 'emergency-snapshot' | 'empty';

/**
 * Everything a gateway needs to be managed by the control plane: the mirror of its group's config fed
 * by the bridge link, key back-fill, status reports, and the encrypted emergency snapshot that lets any
 * gateway of the group serve while the control plane is unreachable.
 */
export class HybridMode {
  readonly mirror = new CatalogueMirror();
  readonly link: BridgeLink;
  readonly finder: BackfillingSessionFinder;
  private readonly snapshots: EmergencySnapshots;
  private readonly reporter: StatusReporter;
  private applying?: Promise<void>;
  private applyAgain = false;
  private hasher?: KeyHasher;

  constructor(
    private readonly options: HybridModeOptions,
    private readonly deps: HybridModeDependencies,
  ) {
    this.snapshots = new EmergencySnapshots(deps.snapshotStore, options.nodeToken, options);
    this.link = new BridgeLink(
      this.mirror,
      {
        configChanged: () => this.configChanged(),
        keyEvicted: (keyHash, rev) => this.evictCopy(keyHash, rev),
        resumeFailed: () => this.forgetRegionalKeys(),
        keyHashingChanged: () => this.keyHashingChanged(),
      },
      options,
      deps.logger,
      deps.connect ??
        ((address) => new BridgeClient(address, options.nodeToken, { callTimeoutMs: options.callTimeoutMs })),
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
      { nodeId: options.nodeId, requestsTotal: deps.requestsTotal },
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

  async start(): Promise<HybridStart> {
    await this.deps.regionReady();
    const restored = await this.snapshots.load().catch((error: Error) => {
      this.deps.logger.warn({ err: error.message }, 'emergency snapshot unreadable');
      return undefined;
    });
    if (restored) {
      this.mirror.restore(restored);
      await this.deps.reload();
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
    await this.applying;
    return synced ? 'bridge' : 'empty';
  }

  async stop(): Promise<void> {
    this.reporter.stop();
    await this.link.stop();
    await this.applying;
  }

  private keyHashingChanged(): void {
    this.hasher = undefined;
    this.deps.keyCache().clear();
    // The new hashing must reach the emergency snapshot even if no API or policy changes.
    this.configChanged();
  }

  private configChanged(): void {
    if (this.applying) {
      this.applyAgain = true;
      return;
    }
    this.applying = this.apply().finally(() => (this.applying = undefined));
  }

  private async apply(): Promise<void> {
    do {
      this.applyAgain = false;
      const result = await this.deps.reload();
      if (!result.ok) {
        this.deps.logger.warn(
          { errors: result.errors },
          'control-plane config refused; serving the previous one',
        );
        continue;
      }
      await this.snapshots.save(this.mirror.state()).catch((error: Error) => {
        this.deps.logger.warn({ err: error.message }, 'could not store the emergency snapshot');
      });
    } while (this.applyAgain);
  }

  private async evictCopy(keyId: string, rev: number): Promise<void> {
    const dropped = await this.deps.sessions.dropCopy(keyId, rev).catch((error: Error) => {
      this.deps.logger.warn({ err: error.message }, 'could not drop an evicted key from regional Redis');
      return true;
    });
    if (dropped) this.deps.keyCache().invalidate([keyId]);
  }

  private async evict(keyIds: string[]): Promise<void> {
    this.deps.keyCache().invalidate(keyIds);
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
