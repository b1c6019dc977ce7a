import type { StreamMessage } from '@gatehouse/gateway-storage';
import { PermanentDeliveryError } from '@gatehouse/shared-streams';

import type { OutputConnector } from './ports';
import { backoffMs, RetryPolicy } from './retry-policy';

/** The slice of a `StreamGroupReader` a worker uses. */
export interface GroupReader {
  ensureGroup(): Promise<void>;
  read(count: number, claimAfterMs: number): Promise<StreamMessage[]>;
  ack(ids: string[]): Promise<void>;
  deadLetter(message: StreamMessage, reason: string): Promise<void>;
  lag(): Promise<number | undefined>;
}

export interface OutputWorkerEvents {
  delivered(bytes: number): void;
  retried(): void;
  deadLettered(): void;
  failed(error: Error): void;
  lag(messages: number): void;
}

export interface OutputWorkerOptions {
  batch: number;
  retry: RetryPolicy;
  /** Unacknowledged messages of a gateway that stopped are taken over after this long (ms). */
  claimAfterMs: number;
  /** A read with nothing new waits this long before the next, unless woken (ms). */
  idlePollMs: number;
}

/**
 * Delivers a stream's messages to one output that writes elsewhere (kafka, mqtt, http_client), sharing
 * the work with the region's other gateways through a consumer group: each message is written once per
 * region, acknowledged after the write, retried with backoff, and dead-lettered after the last retry.
 * Woken by the tail when a message arrives, and polls slowly besides, to take over what others left.
 */
export class OutputWorker {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** A message arrived since the last read: the next idle pause is skipped. */
  private woken = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly reader: GroupReader,
    private readonly connector: OutputConnector,
    private readonly options: OutputWorkerOptions,
    private readonly events: OutputWorkerEvents,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New messages are in the log. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    await this.loop;
    await this.connector.close().catch((error: Error) => this.events.failed(error));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.woken = false;
        const messages = await this.reader.read(this.options.batch, this.options.claimAfterMs);
        failures = 0;
        if (messages.length === 0) {
          const lag = await this.reader.lag();
          if (lag !== undefined) this.events.lag(lag);
          await this.pause(this.options.idlePollMs, true);
          continue;
        }
        const delivered = await Promise.all(messages.map((message) => this.deliver(message)));
        await this.reader.ack(messages.filter((_, index) => delivered[index]).map((message) => message.id));
      } catch (error) {
        // Redis unreachable: nothing was acknowledged, so nothing is lost; try again later.
        this.events.failed(error as Error);
        await this.pause(Math.min(10_000, 250 * 2 ** Math.min(failures++, 6)));
      }
    }
  }

  /** True once written (to be acknowledged with its batch); false if dead-lettered or left for later. */
  private async deliver(message: StreamMessage): Promise<boolean> {
    for (let attempt = 0; this.running; attempt++) {
      try {
        await this.connector.write(message.content, message.meta);
        this.events.delivered(Buffer.byteLength(message.content));
        return true;
      } catch (error) {
        this.events.failed(error as Error);
        if (error instanceof PermanentDeliveryError || attempt >= this.options.retry.retries) {
          await this.reader.deadLetter(message, (error as Error).message);
          this.events.deadLettered();
          return false;
        }
        this.events.retried();
        await this.pause(backoffMs(this.options.retry, attempt));
      }
    }
    // Stopped mid-retry: left unacknowledged, so another gateway (or this one, restarted) takes it over.
    return false;
  }

  /** Waits, ending early when the worker stops or (when `wakeable`) when a message arrives. */
  private pause(ms: number, wakeable = false): Promise<void> {
    if (wakeable && this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener('abort', done);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener('abort', done);
      if (wakeable) this.wakeUp = done;
    });
  }
}
