import type { DocumentStore, Reloader, ReloadResult } from '@gatehouse/gateway-core';
import type { JsonFolderStore } from '@gatehouse/gateway-definitions';
import type { CachedKeyResolver, ChainDependencies } from '@gatehouse/gateway-middleware';
import type { ProxyServer } from '@gatehouse/gateway-proxy';
import type { Logger } from '@gatehouse/shared-observability';
import { FSWatcher, watch } from 'node:fs';

import { buildRegistry, SourcedDocument } from './registry-builder';

/** A store that can say which file each document came from (files in standalone mode). */
export type SourcedStore = DocumentStore & Pick<JsonFolderStore, 'readAll'>;

async function sourced(store: SourcedStore): Promise<{ documents: SourcedDocument[]; errors: string[] }> {
  const { loaded, errors } = await store.readAll();
  return {
    documents: loaded.flatMap((file) => file.documents.map((document) => ({ source: file.file, document }))),
    errors,
  };
}

/**
 * Owns what the gateway serves: reloads build a new registry from the stores and swap it into the proxy
 * atomically; a failed build leaves the running registry untouched. Reloads never overlap: one that is
 * asked for while another runs waits and then runs once for all waiting callers.
 */
export class GatewayRuntime implements Reloader {
  private running?: Promise<ReloadResult>;
  private queued?: Promise<ReloadResult>;
  private watchers: FSWatcher[] = [];
  private debounce?: NodeJS.Timeout;

  constructor(
    private readonly apis: SourcedStore,
    private readonly policies: SourcedStore,
    private readonly proxy: ProxyServer,
    private readonly keys: CachedKeyResolver,
    private readonly chainDeps: ChainDependencies,
    private readonly logger: Logger,
  ) {}

  reload(): Promise<ReloadResult> {
    if (!this.running) {
      this.running = this.build().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload();
    });
    return this.queued;
  }

  /** Reloads when files change; editors write in bursts, so changes settle for 200 ms first. */
  watch(folders: string[]): void {
    for (const folder of folders) {
      try {
        const watcher = watch(folder, () => {
          clearTimeout(this.debounce);
          this.debounce = setTimeout(() => void this.reload(), 200);
        });
        watcher.on('error', (error) => this.logger.warn({ err: error.message, folder }, 'file watch failed'));
        this.watchers.push(watcher);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message, folder }, 'cannot watch folder');
      }
    }
  }

  stopWatching(): void {
    clearTimeout(this.debounce);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }

  private async build(): Promise<ReloadResult> {
    const [apis, policies] = await Promise.all([sourced(this.apis), sourced(this.policies)]);
    const built = buildRegistry(apis.documents, policies.documents, this.chainDeps);
    const errors = [...apis.errors, ...policies.errors, ...built.errors];
    for (const message of built.skipped) this.logger.warn(message);
    if (errors.length > 0 || !built.registry) {
      this.logger.error({ errors }, 'reload refused; still serving the previous configuration');
      return {
        ok: false,
        apis: this.proxy.current.size,
        policies: this.proxy.current.policyList().length,
        errors,
      };
    }
    this.proxy.swap(built.registry);
    this.keys.clear();
    this.logger.info(
      { apis: built.registry.size, policies: built.registry.policyList().length },
      'configuration loaded',
    );
    return { ok: true, apis: built.registry.size, policies: built.registry.policyList().length, errors: [] };
  }
}
