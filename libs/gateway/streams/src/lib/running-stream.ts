import type { StructuredLogger } from '@gatehouse/shared-observability';
import {
  ContextValues,
  HttpServerOutput,
  LeafOutputSpec,
  resolvedFields,
  resolveTemplates,
  SourcePosition,
  StreamSpec,
} from '@gatehouse/shared-streams';

import { LocalConsumers } from './consumers/local-consumers';
import { LeasedInput } from './leased-input';
import { GroupReader, OutputWorker } from './output-worker';
import { runPipeline } from './pipeline';
import type {
  ConnectorContext,
  ConnectorFactory,
  InputConnector,
  MessageLog,
  OutputConnector,
  StreamStorage,
} from './ports';
import { retryPolicyOf } from './retry-policy';
import { regionalGroup, StreamIdentity, streamLabel, streamLogKey } from './stream-identity';
import type { StreamMetrics } from './stream-metrics';

export interface StreamRuntimeDependencies {
  storage: StreamStorage;
  connectors: ConnectorFactory;
  metrics: StreamMetrics;
  logger: StructuredLogger;
  /** Broker consumer groups are per region. */
  region: string;
  nodeId: string;
}

export type IngestOutcome =
  | { kind: 'appended'; id: string }
  | { kind: 'dropped' }
  /** A broker redelivered a message the region has already (after a rebalance). */
  | { kind: 'duplicate' }
  | { kind: 'failed'; reason: string };

export interface StreamStatus {
  api_id: string;
  stream: string;
  state: 'running' | 'failing' | 'stopped';
  consumers: number;
  last_error?: string;
  last_error_at?: string;
}

const CLAIM_AFTER_MS = 30_000;

/** Hands an output the fields its templates resolved to for each message (from the message's meta). */
function withResolvedFields(connector: OutputConnector, index: number): OutputConnector {
  return {
    write: (content, meta) => connector.write(content, meta, resolvedFields(meta, index)),
    close: () => connector.close(),
  };
}
const INPUT_LEASE_MS = 10_000;

/** An output that writes elsewhere (kafka, mqtt, http_client), read through a consumer group of its own. */
type RemoteOutput = Exclude<LeafOutputSpec, { type: 'http_server' }>;

/**
 * One stream of one API, running on this gateway: its log in the region's Redis, the consumers of its
 * `http_server` output connected here, its broker input (the region's gateways share the consumer
 * group) and a worker per output that writes elsewhere. Stopping it touches nothing of other streams.
 */
export class RunningStream {
  readonly log: MessageLog;
  readonly label: string;
  /** Consumers of the `http_server` output; absent when the stream has none. */
  readonly consumers?: LocalConsumers;
  readonly httpOutput?: HttpServerOutput;
  private readonly sharedGroup?: GroupReader;
  /** The consumer group of each output that writes elsewhere (kafka, mqtt, http_client), by output index. */
  private readonly outputGroups: { index: number; output: RemoteOutput; reader: GroupReader }[];
  private input?: InputConnector;
  private readonly workers: OutputWorker[] = [];
  private unfollow?: () => void;
  private lastError?: { message: string; at: Date };
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(
    readonly identity: StreamIdentity,
    readonly spec: StreamSpec,
    private readonly deps: StreamRuntimeDependencies,
  ) {
    this.label = streamLabel(identity);
    const retention = spec.distribution.retention;
    this.log = deps.storage.log(streamLogKey(identity), {
      maxMessages: retention.max_messages,
      maxAgeMs: retention.max_age,
    });
    const served = spec.outputs.find((output) => output.type === 'http_server');
    if (served?.type === 'http_server') {
      this.httpOutput = served.config;
      if (spec.distribution.delivery === 'shared')
        this.sharedGroup = deps.storage.group(this.log.key, 'shared', deps.nodeId);
      this.consumers = new LocalConsumers(
        this.log,
        deps.storage.tail,
        spec.distribution.max_connections_per_key,
        this.sharedGroup,
      );
    }
    this.outputGroups = spec.outputs.flatMap((output, index) =>
      output.type === 'http_server'
        ? []
        : [
            {
              index,
              output,
              reader: deps.storage.group(this.log.key, `out.${index}.${output.type}`, deps.nodeId),
            },
          ],
    );
  }

  /**
   * Every group this stream's messages are read through exists (created once, at the log's end). A message
   * is appended only after this: one appended before a group existed would never reach that output or
   * those consumers, and a publish can arrive while the stream is still starting.
   */
  private async groupsReady(): Promise<void> {
    await Promise.all([
      this.sharedGroup?.ensureGroup(),
      ...this.outputGroups.map(({ reader }) => reader.ensureGroup()),
    ]);
  }

  async start(): Promise<void> {
    // Messages published from now on wait for shared consumers and every output, even before they run.
    await this.groupsReady();
    const context = this.connectorContext();
    for (const { index, output, reader } of this.outputGroups) {
      const component = output.type;
      const worker = new OutputWorker(
        reader,
        withResolvedFields(this.deps.connectors.output(output, context), index),
        { batch: 64, retry: retryPolicyOf(output), claimAfterMs: CLAIM_AFTER_MS, idlePollMs: 1000 },
        {
          delivered: (bytes) => this.deps.metrics.messageOut(this.label, component, bytes),
          retried: () => this.deps.metrics.retried(this.label, component),
          deadLettered: () => this.deps.metrics.deadLettered(this.label, component),
          failed: (error) => this.fail(component, error),
          lag: (messages) => this.deps.metrics.lag(this.label, component, messages),
        },
      );
      this.workers.push(worker);
      worker.start();
    }
    if (this.workers.length > 0)
      this.unfollow = await this.deps.storage.tail.follow(this.log.key, () =>
        this.workers.forEach((worker) => worker.wake()),
      );
    if (this.spec.input.type !== 'http_server') {
      const connector = this.deps.connectors.input(
        this.spec.input,
        async (content, meta, position) => {
          const outcome = await this.ingest(content, meta, undefined, position);
          if (outcome.kind === 'failed') this.deps.logger.warn({ stream: this.label }, outcome.reason);
        },
        context,
      );
      // Kafka and MQTT share the work through the broker; a WebSocket upstream runs on one gateway.
      this.input =
        this.spec.input.type === 'websocket'
          ? new LeasedInput(
              this.deps.storage.lease(`${this.log.key}:input-lease`, this.deps.nodeId, INPUT_LEASE_MS),
              connector,
              (error) => this.fail('websocket', error),
            )
          : connector;
      await this.input.start();
    }
    if (this.stopped) await this.teardown();
  }

  /**
   * A message entering the region: the pipeline runs here unless it reads each consumer's context,
   * then the message is appended to the log, from where every gateway delivers it.
   */
  async ingest(
    content: string,
    meta: Record<string, string>,
    publisher?: ContextValues,
    position?: SourcePosition,
  ): Promise<IngestOutcome> {
    let message = { content, meta };
    if (this.spec.processing === 'ingest') {
      const outcome = runPipeline(this.spec.processors, message, publisher);
      if (outcome.kind === 'dropped') {
        this.deps.metrics.dropped(this.label, 'deleted');
        return outcome;
      }
      if (outcome.kind === 'failed') {
        this.deps.metrics.dropped(this.label, 'processor_failed');
        return outcome;
      }
      message = outcome.message;
    }
    if (this.spec.templates.length > 0) {
      message = { content: message.content, meta: { ...message.meta } };
      const refused = resolveTemplates(this.spec.templates, publisher, message.meta);
      if (refused) return { kind: 'failed', reason: refused };
    }
    await this.groupsReady();
    const id = await this.log.append(message.content, message.meta, position);
    if (id === undefined) return { kind: 'duplicate' };
    this.deps.metrics.messageIn(this.label, this.spec.input.type);
    return { kind: 'appended', id };
  }

  /** Stops everything this stream runs here; consumers are told why and may reconnect to resume. */
  async stop(detail = 'the stream was stopped'): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.consumers?.closeAll('stream-stopped', detail);
    await this.teardown();
  }

  /** Aborted when the stream stops: waits between start attempts end with it. */
  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Stops the input and the output workers, keeping consumers: after a failed start, before a retry. */
  async teardown(): Promise<void> {
    this.unfollow?.();
    this.unfollow = undefined;
    const input = this.input;
    this.input = undefined;
    await Promise.all([
      input?.stop().catch((error: Error) => this.fail(this.spec.input.type, error)),
      ...this.workers.splice(0).map((worker) => worker.stop()),
    ]);
  }

  status(): StreamStatus {
    const failing = this.lastError && Date.now() - this.lastError.at.getTime() < 60_000;
    return {
      api_id: this.identity.apiId,
      stream: this.identity.name,
      state: this.stopped ? 'stopped' : failing ? 'failing' : 'running',
      consumers: this.consumers?.size ?? 0,
      ...(this.lastError
        ? { last_error: this.lastError.message, last_error_at: this.lastError.at.toISOString() }
        : {}),
    };
  }

  /** Recorded for status and metrics; logged when it differs from the last one or a minute passed. */
  fail(component: string, error: Error): void {
    const message = `${component}: ${error.message}`.slice(0, 500);
    if (this.lastError?.message !== message || Date.now() - this.lastError.at.getTime() > 60_000)
      this.deps.logger.warn({ stream: this.label, error: message }, 'stream component failing; retrying');
    this.lastError = { message, at: new Date() };
    this.deps.metrics.error(this.label, component);
  }

  private connectorContext(): ConnectorContext {
    return {
      nodeId: this.deps.nodeId,
      reportError: (error) => this.fail(this.spec.input.type, error),
      group: (requested) => regionalGroup(this.deps.region, this.identity, requested),
    };
  }
}
