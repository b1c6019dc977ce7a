import type { Sink } from '@gatehouse/pump-core';
import type { Registry, StructuredLogger } from '@gatehouse/shared-observability';
import type { z } from 'zod';

/** A sink ready to run, with what it needs done periodically. */
export interface OpenedSink {
  sink: Sink;
  /** Deletes expired records where the server has no TTL index (raw MongoDB records). */
  purge?: () => Promise<number>;
}

/** What the pump lends a sink it opens. */
export interface SinkContext {
  /** The pump's metrics registry, which a prometheus sink adds Tyk's series to. */
  registry: Registry;
  /** The sink's `timeout` in milliseconds, for clients that need their own (Kafka, the bridge). */
  timeoutMs: number;
  /** For what a sink notices outside its writes (certificate files it could not reload). */
  logger?: StructuredLogger;
}

/**
 * One `type` of `pumps` entry, as tyk-pump keeps each pump with its config: the schema of its `meta`
 * (Tyk pump's field names; unknown ones are refused) and how to open a sink from it.
 */
export interface SinkType<Meta extends z.ZodType = z.ZodType> {
  meta: Meta;
  open(meta: z.output<Meta>, context: SinkContext): Promise<OpenedSink>;
}
