import { Mapping, StreamSpec } from '@gatehouse/shared-streams';
import { setTimeout as sleep } from 'node:timers/promises';

import { RunningStream, StreamRuntimeDependencies, StreamStatus } from './running-stream';

/** What the supervisor needs of an API: whose it is and its streams. */
export interface StreamApi {
  apiId: string;
  orgId: string;
  streams: readonly StreamSpec[];
}

interface Entry {
  fingerprint: string;
  stream: RunningStream;
}

/** Compares definitions by content: a mapping by its text, compiled checks left out (their schema is kept). */
function fingerprint(orgId: string, spec: StreamSpec): string {
  return JSON.stringify({ orgId, spec }, (_key, value: unknown) => {
    if (value instanceof Mapping) return value.source;
    return typeof value === 'function' ? undefined : value;
  });
}

const MAX_START_BACKOFF_MS = 30_000;

/**
 * Runs the streams of the APIs this gateway serves, following the config runtime: an API's streams
 * start, change and stop with it. A stream whose definition did not change keeps running (and keeps its
 * consumers) through any reload; a changed one is stopped before its new version starts; no other
 * stream is touched. A stream that fails to start is retried with backoff and reported, never thrown.
 */
export class StreamSupervisor {
  private readonly byApi = new Map<string, Map<string, Entry>>();
  /** Per stream, the last start or stop asked for: each waits for the one before it. */
  private readonly transitions = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly deps: StreamRuntimeDependencies) {}

  /** One API changed; `api` undefined means it was removed. */
  applyApi(apiId: string, api: StreamApi | undefined): void {
    if (this.closed) return;
    const running = this.byApi.get(apiId) ?? new Map<string, Entry>();
    const wanted = new Map((api?.streams ?? []).map((spec) => [spec.name, spec]));
    for (const [name, entry] of running) {
      if (wanted.has(name)) continue;
      running.delete(name);
      this.transition(entry.stream, () => entry.stream.stop('the stream was removed from its API'));
    }
    for (const [name, spec] of wanted) {
      const print = fingerprint(api?.orgId ?? '', spec);
      const current = running.get(name);
      if (current?.fingerprint === print) continue;
      if (current)
        this.transition(current.stream, () =>
          current.stream.stop("the stream's definition changed; reconnect"),
        );
      const stream = new RunningStream({ orgId: api?.orgId ?? '', apiId, name }, spec, this.deps);
      running.set(name, { fingerprint: print, stream });
      this.transition(stream, () => this.startWithRetries(stream));
    }
    if (running.size > 0) this.byApi.set(apiId, running);
    else this.byApi.delete(apiId);
  }

  /** A full build: these are all the APIs now served. */
  applyAll(apis: Iterable<StreamApi>): void {
    const seen = new Set<string>();
    for (const api of apis) {
      seen.add(api.apiId);
      if (api.streams.length > 0 || this.byApi.has(api.apiId)) this.applyApi(api.apiId, api);
    }
    for (const apiId of [...this.byApi.keys()]) if (!seen.has(apiId)) this.applyApi(apiId, undefined);
  }

  find(apiId: string, name: string): RunningStream | undefined {
    return this.byApi.get(apiId)?.get(name)?.stream;
  }

  statuses(): StreamStatus[] {
    return [...this.byApi.values()].flatMap((streams) => [...streams.values()].map((e) => e.stream.status()));
  }

  /** Every stream stops; consumers are told the gateway is going away. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.byApi.values()].flatMap((streams) => [...streams.values()]);
    this.byApi.clear();
    for (const { stream } of all) stream.consumers?.closeAll('shutdown', 'the gateway is shutting down');
    await Promise.all(all.map(({ stream }) => stream.stop('the gateway is shutting down')));
    await Promise.all(this.transitions.values());
  }

  private transition(stream: RunningStream, step: () => Promise<void>): void {
    const key = `${stream.identity.apiId}\u0000${stream.identity.name}`;
    const previous = this.transitions.get(key) ?? Promise.resolve();
    const next = previous.then(step, step).catch((error: Error) => stream.fail('stream', error));
    this.transitions.set(key, next);
    void next.then(() => {
      if (this.transitions.get(key) === next) this.transitions.delete(key);
    });
  }

  private async startWithRetries(stream: RunningStream): Promise<void> {
    for (
      let attempt = 0;
      !this.closed && this.find(stream.identity.apiId, stream.identity.name) === stream;
      attempt++
    ) {
      try {
        await stream.start();
        return;
      } catch (error) {
        stream.fail('start', error as Error);
        await stream.teardown().catch(() => undefined);
        const backoff = Math.min(MAX_START_BACKOFF_MS, 500 * 2 ** attempt);
        await sleep(backoff, undefined, { signal: stream.stopSignal }).catch(() => undefined);
      }
    }
  }
}
