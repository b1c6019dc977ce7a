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
  /** Streams of orgs at their limit on this gateway: started when one of the org's stops. */
  private readonly waiting = new Map<string, StreamApi>();
  private readonly perOrg = new Map<string, number>();
  private closed = false;

  /** `maxPerOrg` bounds the streams one org runs on this gateway, so no org can use up its resources. */
  constructor(
    private readonly deps: StreamRuntimeDependencies,
    private readonly maxPerOrg = Number.POSITIVE_INFINITY,
  ) {}

  /** One API changed; `api` undefined means it was removed. */
  applyApi(apiId: string, api: StreamApi | undefined): void {
    if (this.closed) return;
    this.waiting.delete(apiId);
    const running = this.byApi.get(apiId) ?? new Map<string, Entry>();
    const orgId = api?.orgId ?? '';
    const wanted = new Map((api?.streams ?? []).map((spec) => [spec.name, spec]));
    for (const [name, entry] of running) {
      if (wanted.has(name) && entry.stream.identity.orgId === orgId) continue;
      running.delete(name);
      this.count(entry.stream.identity.orgId, -1);
      this.transition(entry.stream, () => entry.stream.stop('the stream was removed from its API'));
    }
    const waitingSpecs: StreamSpec[] = [];
    for (const [name, spec] of wanted) {
      const print = fingerprint(orgId, spec);
      const current = running.get(name);
      if (current?.fingerprint === print) continue;
      if (current)
        this.transition(current.stream, () =>
          current.stream.stop("the stream's definition changed; reconnect"),
        );
      else if ((this.perOrg.get(orgId) ?? 0) >= this.maxPerOrg) {
        waitingSpecs.push(spec);
        continue;
      } else this.count(orgId, 1);
      const stream = new RunningStream({ orgId, apiId, name }, spec, this.deps);
      running.set(name, { fingerprint: print, stream });
      this.transition(stream, () => this.startWithRetries(stream));
    }
    if (running.size > 0) this.byApi.set(apiId, running);
    else this.byApi.delete(apiId);
    if (waitingSpecs.length > 0) {
      this.waiting.set(apiId, { apiId, orgId, streams: api?.streams ?? [] });
      this.deps.logger.warn(
        { api_id: apiId, org_id: orgId, streams: waitingSpecs.map((spec) => spec.name) },
        `the org runs its maximum of ${this.maxPerOrg} streams on this gateway; these wait for one to stop`,
      );
    }
    this.admitWaiting();
  }

  private count(orgId: string, delta: number): void {
    this.perOrg.set(orgId, (this.perOrg.get(orgId) ?? 0) + delta);
  }

  /** Starts what waited, for orgs with room again. */
  private admitWaiting(): void {
    for (const waiting of [...this.waiting.values()])
      if ((this.perOrg.get(waiting.orgId) ?? 0) < this.maxPerOrg) {
        this.waiting.delete(waiting.apiId);
        this.applyApi(waiting.apiId, waiting);
      }
  }

  /**
   * A full build: `withStreams` are the served APIs that have streams, `served` finds any served API.
   * Costs O(streams), not O(APIs): it runs at the end of a reload of 10,000 APIs.
   */
  applyAll(withStreams: Iterable<StreamApi>, served: (apiId: string) => StreamApi | undefined): void {
    for (const api of withStreams) this.applyApi(api.apiId, api);
    for (const apiId of [...this.byApi.keys(), ...this.waiting.keys()])
      if (!served(apiId)?.streams.length) this.applyApi(apiId, served(apiId));
  }

  find(apiId: string, name: string): RunningStream | undefined {
    return this.byApi.get(apiId)?.get(name)?.stream;
  }

  statuses(): StreamStatus[] {
    const running = [...this.byApi.values()].flatMap((streams) =>
      [...streams.values()].map((e) => e.stream.status()),
    );
    const waiting = [...this.waiting.values()].flatMap(({ apiId, streams }) =>
      streams
        .filter((spec) => !this.find(apiId, spec.name))
        .map((spec): StreamStatus => ({
          api_id: apiId,
          stream: spec.name,
          state: 'failing',
          consumers: 0,
          last_error: `its org runs its maximum of ${this.maxPerOrg} streams on this gateway`,
        })),
    );
    return [...running, ...waiting];
  }

  /** Every stream stops; consumers are told the gateway is going away. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.byApi.values()].flatMap((streams) => [...streams.values()]);
    this.byApi.clear();
    this.waiting.clear();
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
