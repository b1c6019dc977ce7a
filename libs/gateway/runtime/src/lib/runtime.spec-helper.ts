import { ApiSpec, Registry, RoutedApi, TykDocument } from '@gatehouse/gateway-core';
import type { StructuredLogger } from '@gatehouse/shared-observability';

import type { ConfigChange, ConfigKind, ConfigListener, ConfigSnapshot, ConfigSource } from './config-source';
import { ConfigRuntime, PolicyKeyEvictions, RegistryHolder } from './config-runtime';

/** An in-memory source: what `persist` stores, `snapshot` returns; `emit` plays a control-plane change. */
export class MemorySource implements ConfigSource {
  readonly documents = new Map<string, { kind: ConfigKind; id: string; document: TykDocument }>();
  private listener?: ConfigListener;
  private rev = 0;
  /** How many snapshots were taken: one per build, whether applied in place or in full. */
  snapshots = 0;

  async snapshot(): Promise<ConfigSnapshot> {
    this.snapshots++;
    return {
      entries: [...this.documents.values()].map((entry) => ({
        ...entry,
        origin: `${entry.kind} ${entry.id}`,
      })),
      errors: [],
    };
  }

  list(kind: ConfigKind): TykDocument[] {
    return [...this.documents.values()].filter((entry) => entry.kind === kind).map((entry) => entry.document);
  }

  get(kind: ConfigKind, id: string): TykDocument | undefined {
    return this.documents.get(`${kind}:${id}`)?.document;
  }

  subscribe(listener: ConfigListener): void {
    this.listener = listener;
  }

  async persist(change: Omit<ConfigChange, 'rev' | 'origin'>): Promise<string> {
    this.store(change);
    return `${change.kind} ${change.id}`;
  }

  emit(change: Omit<ConfigChange, 'rev' | 'origin'>): void {
    this.store(change);
    this.listener?.changed({ ...change, rev: ++this.rev, origin: `${change.kind} ${change.id}` });
  }

  replace(): void {
    this.listener?.replaced();
  }

  private store(change: Omit<ConfigChange, 'rev' | 'origin'>): void {
    const key = `${change.kind}:${change.id}`;
    if (change.document)
      this.documents.set(key, { kind: change.kind, id: change.id, document: change.document });
    else this.documents.delete(key);
  }
}

/** A compiled API that remembers which compile made it, so a spec can tell a re-compile from a reuse. */
export interface FakeCompiledApi extends RoutedApi {
  generation: number;
}

export function countingCompiler(): { compile: (spec: ApiSpec) => FakeCompiledApi; compiled: string[] } {
  const compiled: string[] = [];
  return {
    compiled,
    compile: (spec) => {
      compiled.push(spec.apiId);
      return { spec, generation: compiled.length };
    },
  };
}

export class HolderOf<R extends RoutedApi> implements RegistryHolder<R> {
  current = Registry.empty<R>();
  swaps = 0;

  swap(registry: Registry<R>): void {
    this.current = registry;
    this.swaps++;
  }
}

export class RecordingKeys implements PolicyKeyEvictions {
  readonly evictedFor: string[][] = [];

  invalidatePolicies(policyIds: readonly string[]): number {
    this.evictedFor.push([...policyIds]);
    return policyIds.length;
  }
}

export const silentLogger: StructuredLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function api(id: string, listenPath: string, extra: TykDocument = {}): TykDocument {
  return {
    api_id: id,
    name: id,
    org_id: 'org',
    use_keyless: true,
    active: true,
    proxy: { listen_path: listenPath, target_url: 'http://127.0.0.1:9', strip_listen_path: true },
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
    ...extra,
  };
}

/** Fields that make an API's chain authenticate JWTs (a chain that depends on policies). */
export const JWT = {
  use_keyless: false,
  enable_jwt: true,
  jwt_signing_method: 'hmac',
  jwt_source: 'czNjcmV0',
};

export function policy(id: string, rate = 10): TykDocument {
  return { id, org_id: 'org', rate, per: 1, access_rights: {} };
}

export interface RuntimeUnderTest {
  sut: ConfigRuntime<FakeCompiledApi>;
  holder: HolderOf<FakeCompiledApi>;
  keys: RecordingKeys;
  compiler: ReturnType<typeof countingCompiler>;
}

/** A runtime over `source` with recording fakes for everything else. */
export function runtimeOn(source: MemorySource, options: { partialBuilds?: boolean } = {}): RuntimeUnderTest {
  const holder = new HolderOf<FakeCompiledApi>();
  const keys = new RecordingKeys();
  const compiler = countingCompiler();
  const sut = new ConfigRuntime({
    source,
    registry: holder,
    compile: compiler.compile,
    keys,
    logger: silentLogger,
    ...options,
  });
  return { sut, holder, keys, compiler };
}
