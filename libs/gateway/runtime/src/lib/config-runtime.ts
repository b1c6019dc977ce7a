import type { Registry, Reloader, ReloadResult, RoutedApi } from '@gatehouse/gateway-core';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import type { StructuredLogger } from '@gatehouse/shared-observability';

import { AppliedDocuments, SnapshotChange } from './applied-documents';
import {
  ApiCompiler,
  describeFailure,
  EntityChange,
  prepareChange,
  prepareTogether,
} from './change-compiler';
import { CompiledByDocument } from './compiled-by-document';
import type { ConfigChange, ConfigSource } from './config-source';
import { buildFromSnapshot } from './full-build';
import { changedPolicies, PolicyDependants } from './policy-dependants';
import { SerialQueue } from './serial-queue';

/**
 * The most changes a reload applies to the served registry in place; past this it builds a new one. The
 * changes are committed in one synchronous pass (so that requests see all of them or none), a few map
 * writes each.
 */
const MAX_CHANGES_IN_PLACE = 256;

/** Holds the registry requests are routed with; a full build swaps in a new one atomically. */
export interface RegistryHolder<R extends RoutedApi> {
  readonly current: Registry<R>;
  swap(registry: Registry<R>): void;
}

/** The key cache as the runtime sees it: keys built from a changed policy are evicted, no others. */
export interface PolicyKeyEvictions {
  invalidatePolicies(policyIds: readonly string[]): number;
}

export interface ConfigRuntimeDependencies<R extends RoutedApi> {
  source: ConfigSource;
  registry: RegistryHolder<R>;
  compile: ApiCompiler<R>;
  keys: PolicyKeyEvictions;
  logger: StructuredLogger;
  /** How long a full build computes before letting requests run (ms). */
  sliceMs?: number;
  /**
   * Full builds serve what is valid and log the rest, instead of refusing the whole set. For a
   * control-plane snapshot (validated there already): one entity a gateway cannot serve must not leave
   * the group serving nothing.
   */
  partialBuilds?: boolean;
  /**
   * Told after each change is served: the ids of the APIs it changed (a removed API is absent from the
   * registry), or `all` after a full build. What runs beside requests (streams) follows from here.
   */
  applied?: (registry: Registry<R>, apiIds: readonly string[] | 'all') => void;
}

/**
 * What the gateway serves, kept current from a ConfigSource. A change to one entity costs O(that
 * entity): an API is compiled alone and swapped into the registry's routing index; a policy replaces
 * the old one, re-compiles only the APIs whose chains cache sessions built from policies (JWT), and
 * evicts only the keys built from it. A reload (`/tyk/reload`, files edited, a snapshot from the control
 * plane) applies what its snapshot changes, if that is a few valid entities, to the served registry in
 * place; otherwise it makes a full build, which compiles in time slices and swaps atomically, refusing
 * the whole set if anything is invalid. An API whose document the source still holds unchanged keeps
 * its compiled form. Changes and builds run one at a time, in order.
 */
export class ConfigRuntime<R extends RoutedApi> implements Reloader {
  private readonly queue = new SerialQueue();
  /** Replaced by every full build, which works them out as it goes. */
  private dependants = new PolicyDependants();
  private pendingReload?: Promise<ReloadResult>;
  private readonly sliceMs: number;
  /** What full builds reuse: the compiled API of every document the source did not replace. */
  private readonly compiled = new CompiledByDocument<R>();
  /** The documents the served registry was built from, to tell what a reload's snapshot changes. */
  private applied = new AppliedDocuments();

  constructor(private readonly deps: ConfigRuntimeDependencies<R>) {
    // Short: a garbage collection or the scheduler can stretch a slice several times over on a busy
    // machine (8 ms slices were seen lasting 32 ms under load), and yielding often costs little.
    this.sliceMs = deps.sliceMs ?? 2;
  }

  /** Builds the first registry, then follows the source's changes. */
  start(): Promise<ReloadResult> {
    this.deps.source.subscribe({
      changed: (change) => void this.queue.run(() => this.applyFromSource(change)),
      replaced: () => void this.reload(),
    });
    return this.reload();
  }

  /** A full build; calls made while one waits to start share it. */
  reload(): Promise<ReloadResult> {
    this.pendingReload ??= this.queue.run(() => {
      this.pendingReload = undefined;
      return this.build();
    });
    return this.pendingReload;
  }

  /**
   * A Gateway API write: checked and compiled first (throwing InvalidInputError or ConflictError, with
   * nothing stored), then persisted by the source, then served. Costs O(that entity).
   */
  write(change: EntityChange): Promise<void> {
    return this.queue.run(async () => {
      const persist = this.deps.source.persist;
      if (!persist)
        throw new InvalidInputError([{ path: '', message: 'this gateway does not accept writes' }]);
      const prepared = prepareChange(change, this.registry, this.deps.compile, this.compiled);
      await persist.call(this.deps.source, { kind: change.kind, id: change.id, document: change.document });
      this.commit(change, prepared.commit);
    });
  }

  /** Resolves once every change and build asked for so far has been applied. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private get registry(): Registry<R> {
    return this.deps.registry.current;
  }

  private applyFromSource(change: ConfigChange): void {
    try {
      const prepared = prepareChange(change, this.registry, this.deps.compile, this.compiled);
      if (prepared.skipped) this.deps.logger.warn({ origin: change.origin }, prepared.skipped);
      this.commit(change, prepared.commit);
    } catch (error) {
      this.deps.logger.error(
        { errors: describeFailure(change.origin, error) },
        'change refused; still serving the previous version of this entity',
      );
    }
  }

  private commit(change: EntityChange, apply: (registry: Registry<R>) => void): void {
    apply(this.registry);
    this.applied.record(change.kind, change.id, change.document);
    this.followUp([change]);
  }

  /** What committed changes set off: JWT chains refreshed, keys of changed policies evicted, streams. */
  private followUp(changes: readonly EntityChange[]): void {
    const registry = this.registry;
    const apiIds: string[] = [];
    const policyIds: string[] = [];
    for (const change of changes) {
      if (change.kind === 'policy') policyIds.push(change.id);
      else {
        apiIds.push(change.id);
        this.dependants.track(change.id, registry.api(change.id));
      }
    }
    if (policyIds.length > 0) {
      this.refreshDependants(registry);
      this.deps.keys.invalidatePolicies(policyIds);
    }
    if (apiIds.length > 0) this.deps.applied?.(registry, apiIds);
  }

  /**
   * Applies a reload's changes to the served registry, all in one synchronous pass after every one was
   * checked and compiled. False (nothing applied) when any would be refused: a full build reports it.
   */
  private async applyInPlace(changes: readonly SnapshotChange[]): Promise<boolean> {
    const prepared = await prepareTogether(changes, this.registry, this.deps.compile, {
      compiled: this.compiled,
      sliceMs: this.sliceMs,
    });
    if (!prepared) return false;
    const registry = this.registry;
    prepared.forEach((one, i) => {
      const change = changes[i] as SnapshotChange;
      if (one.skipped) this.deps.logger.warn({}, `${change.origin}: ${one.skipped}`);
      one.commit(registry);
      this.applied.record(change.kind, change.id, change.document);
    });
    this.followUp(changes);
    return true;
  }

  /** Chains that cache sessions built from policies start afresh: only they depend on policies. */
  private refreshDependants(registry: Registry<R>): void {
    for (const apiId of this.dependants.ids()) {
      const api = registry.api(apiId);
      if (api) registry.putApi(this.deps.compile(api.spec));
    }
  }

  private async build(): Promise<ReloadResult> {
    const snapshot = await this.deps.source.snapshot();
    const changes = await this.applied.changesIn(snapshot, MAX_CHANGES_IN_PLACE, this.sliceMs);
    if (changes && (await this.applyInPlace(changes))) {
      if (changes.length > 0)
        this.deps.logger.info(
          { ...this.counts(this.registry), changes: changes.length },
          'configuration loaded',
        );
      return { ok: true, ...this.counts(this.registry), errors: [] };
    }
    const built = await buildFromSnapshot(snapshot, this.deps.compile, {
      sliceMs: this.sliceMs,
      partial: this.deps.partialBuilds ?? false,
      compiled: this.compiled,
    });
    for (const message of built.skipped) this.deps.logger.warn({}, message);
    if (built.registry && built.errors.length > 0)
      this.deps.logger.error({ errors: built.errors }, 'entities refused; serving the others');
    if (!built.registry) {
      this.deps.logger.error(
        { errors: built.errors },
        'reload refused; still serving the previous configuration',
      );
      return { ok: false, ...this.counts(this.registry), errors: built.errors };
    }
    const previous = this.registry;
    this.deps.registry.swap(built.registry);
    this.applied = built.applied;
    this.dependants = built.dependants;
    this.deps.applied?.(built.registry, 'all');
    const evicted = this.deps.keys.invalidatePolicies(changedPolicies(previous, built.registry));
    this.deps.logger.info({ ...this.counts(built.registry), keysEvicted: evicted }, 'configuration loaded');
    return { ok: true, ...this.counts(built.registry), errors: built.errors };
  }

  private counts(registry: Registry<R>): { apis: number; policies: number } {
    return { apis: registry.size, policies: registry.policyList().length };
  }
}
