import { z } from 'zod';

import { accepted, count, durationMs, refused } from './bento-fields';
import { inputComponent, outputComponent, processorComponent } from './component-registry';

/** Stream names become Redis keys and metric labels: short, and never `__proto__`. */
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const MAX_STREAMS_PER_API = 16;
export const MAX_PROCESSORS_PER_STREAM = 32;

/**
 * Gatehouse's own settings for a stream, beside Bento's: how the region's gateways share its messages.
 * `broadcast` gives every consumer every message; `shared` gives each message to one consumer of the
 * region. Retention bounds the region's Redis Stream, and so how far back a consumer can resume.
 */
const distribution = z
  .strictObject({
    delivery: z.enum(['broadcast', 'shared']).default('broadcast'),
    retention: z
      .strictObject({ max_messages: count(1, 1_000_000, 10_000), max_age: durationMs('1h') })
      .prefault({}),
    consumer_buffer: count(1, 10_000, 256),
    max_connections_per_key: count(1, 10_000, 10),
  })
  .prefault({});
export type StreamDistribution = z.output<typeof distribution>;

const pipeline = z
  .strictObject({
    processors: z.array(processorComponent).max(MAX_PROCESSORS_PER_STREAM).default([]),
    ...accepted('threads'),
  })
  .prefault({});

const stream = z.strictObject({
  input: inputComponent,
  pipeline,
  output: outputComponent,
  'x-gatehouse': distribution,
  ...accepted('logger', 'metrics', 'tracer', 'shutdown_delay', 'shutdown_timeout', 'http'),
  ...refused(
    'resources are not supported; define the component inline',
    'input_resources',
    'output_resources',
    'processor_resources',
    'cache_resources',
    'rate_limit_resources',
  ),
  ...refused('buffers are not supported: the region keeps messages in a Redis Stream', 'buffer'),
});

export const streamingSchema = z.strictObject({
  streams: z
    .record(z.string().regex(STREAM_NAME, 'a stream name is 1 to 64 letters, digits, "_" or "-"'), stream)
    .refine((streams) => Object.keys(streams).length <= MAX_STREAMS_PER_API, {
      message: `at most ${MAX_STREAMS_PER_API} streams per API`,
    }),
});
export type StreamingConfig = z.output<typeof streamingSchema>;
export type StreamConfig = StreamingConfig['streams'][string];
