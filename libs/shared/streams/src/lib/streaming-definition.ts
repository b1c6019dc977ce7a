import type { FieldIssue } from '@gatehouse/shared-kernel';

import type { InputSpec, LeafOutputSpec, OutputSpec, ProcessorSpec } from './component-registry';
import { OutputTemplates, outputTemplates, refusePlaceholders } from './output-templates';
import { StreamConfig, StreamDistribution, streamingSchema } from './streaming-schema';
import { pathIssues } from './zod-issues';

/** The key of a Tyk OAS document that holds its streams. */
export const STREAMING_FIELD = 'x-tyk-streaming';

/** Where a stream's processors run, and with whose `$tyk_context`. */
export type ProcessingPoint = 'ingest' | 'per-consumer';

/** One stream of an API, validated and compiled: what the gateway runs. */
export interface StreamSpec {
  name: string;
  input: InputSpec;
  processors: ProcessorSpec[];
  output: OutputSpec;
  /** The outputs a message goes to: `output` itself, or each of a fan-out broker's. */
  outputs: LeafOutputSpec[];
  distribution: StreamDistribution;
  /**
   * `ingest`: once per message as it enters the region (with the publisher's context when the input is
   * `http_server`). `per-consumer`: for each consumer of an `http_server` output, with that consumer's
   * context, because the pipeline reads `$tyk_context` and the input has no request of its own.
   */
  processing: ProcessingPoint;
  /** Output fields resolved from the publisher's request (`$tyk_context` in a key, topic or header). */
  templates: OutputTemplates[];
}

export type StreamingParse = { ok: true; streams: StreamSpec[] } | { ok: false; issues: FieldIssue[] };

/** Validates an `x-tyk-streaming` value; every issue's path starts with `prefix`. */
export function parseStreaming(value: unknown, prefix = STREAMING_FIELD): StreamingParse {
  const parsed = streamingSchema.safeParse(value);
  const name = (path: (string | number)[]) => [prefix, ...path].join('.');
  if (!parsed.success)
    return {
      ok: false,
      issues: pathIssues(parsed.error.issues).map((i) => ({ path: name(i.path), message: i.message })),
    };
  const issues: FieldIssue[] = [];
  const streams = Object.entries(parsed.data.streams).map(([streamName, config]) =>
    toSpec(streamName, config, (path, message) =>
      issues.push({ path: name(['streams', streamName, ...path]), message }),
    ),
  );
  checkServedPaths(streams, (path, message) => issues.push({ path: name(path), message }));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, streams };
}

type Report = (path: (string | number)[], message: string) => void;

function toSpec(name: string, config: StreamConfig, report: Report): StreamSpec {
  const outputs = config.output.type === 'broker' ? config.output.config.outputs : [config.output];
  const processors = config.pipeline.processors;
  const servesConsumers = outputs.some((output) => output.type === 'http_server');
  const readsContext = processors.findIndex(
    (p) => (p.type === 'mapping' || p.type === 'bloblang') && p.config.usesContext,
  );
  let processing: ProcessingPoint = 'ingest';
  if (readsContext >= 0 && config.input.type !== 'http_server') {
    const where = ['pipeline', 'processors', readsContext, processors[readsContext].type];
    if (!servesConsumers)
      report(
        where,
        '$tyk_context needs an http_server input (the publisher) or an http_server output (each consumer)',
      );
    else if (outputs.length > 1)
      report(
        where,
        "a pipeline that reads each consumer's $tyk_context can only feed a single http_server output",
      );
    processing = 'per-consumer';
  }
  if (config['x-gatehouse'].delivery === 'shared' && !servesConsumers)
    report(
      ['x-gatehouse', 'delivery'],
      'shared delivery needs an http_server output (it shares messages among its consumers)',
    );
  refusePlaceholders(config.input.config, ['input', config.input.type], report);
  const templates = outputs.flatMap((output, index) => {
    const at =
      config.output.type === 'broker'
        ? ['output', 'broker', 'outputs', index, output.type]
        : ['output', output.type];
    return outputTemplates(output, index, config.input.type === 'http_server', at, report) ?? [];
  });
  return {
    name,
    input: config.input,
    processors,
    output: config.output,
    outputs,
    distribution: config['x-gatehouse'],
    processing,
    templates,
  };
}

/** Every path a stream serves under the API's listen path must be its own. */
function checkServedPaths(streams: StreamSpec[], report: Report): void {
  const owners = new Map<string, string>();
  for (const stream of streams) {
    const served: [string, string][] = [];
    if (stream.input.type === 'http_server')
      served.push(
        ['input.http_server.path', stream.input.config.path],
        ['input.http_server.ws_path', stream.input.config.ws_path],
      );
    stream.outputs.forEach((output, index) => {
      if (output.type !== 'http_server') return;
      const at =
        stream.output.type === 'broker' ? `output.broker.outputs.${index}.http_server` : 'output.http_server';
      for (const field of ['path', 'stream_path', 'ws_path'] as const)
        served.push([`${at}.${field}`, output.config[field]]);
    });
    for (const [field, path] of served) {
      const key = path.replace(/\/$/, '') || '/';
      const owner = owners.get(key);
      if (owner)
        report(['streams', stream.name, ...field.split('.')], `"${path}" is already served by ${owner}`);
      else owners.set(key, `streams.${stream.name}.${field}`);
    }
  }
}
