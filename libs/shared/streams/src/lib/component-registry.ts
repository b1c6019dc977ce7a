import { z } from 'zod';

import { httpServerInput } from './inputs/http-server.input';
import { kafkaInput } from './inputs/kafka.input';
import { mqttInput } from './inputs/mqtt.input';
import { websocketInput } from './inputs/websocket.input';
import { httpClientOutput } from './outputs/http-client.output';
import { httpServerOutput } from './outputs/http-server.output';
import { kafkaOutput } from './outputs/kafka.output';
import { mqttOutput } from './outputs/mqtt.output';
import { jsonSchemaProcessor } from './processors/json-schema.processor';
import { mappingProcessor } from './processors/mapping.processor';
import { pathIssues } from './zod-issues';

/** The components a stream can name, one file each, as the pump's sinks. */
export const INPUTS = {
  kafka: kafkaInput,
  mqtt: mqttInput,
  http_server: httpServerInput,
  websocket: websocketInput,
};
const LEAF_OUTPUTS = {
  http_server: httpServerOutput,
  kafka: kafkaOutput,
  mqtt: mqttOutput,
  http_client: httpClientOutput,
};
export const PROCESSORS = {
  mapping: mappingProcessor,
  bloblang: mappingProcessor,
  json_schema: jsonSchemaProcessor,
};

/** Tyk's list of components that reach the host; named so the refusal says why. */
const UNSAFE = [
  'file',
  'socket',
  'socket_server',
  'stdin',
  'stdout',
  'subprocess',
  'command',
  'wasm',
  'inproc',
  'csv',
  'dynamic',
];

type Registry = Record<string, z.ZodType>;
export type Component<R extends Registry> = {
  [K in keyof R & string]: { type: K; config: z.output<R[K]> };
}[keyof R & string];

/** An object naming exactly one component of `registry` (plus Bento's optional `label`). */
function oneOf<R extends Registry>(kind: string, registry: R) {
  const supported = Object.keys(registry).join(', ');
  return z.unknown().transform((value, context): Component<R> => {
    const fail = (path: (string | number)[], message: string) => {
      context.addIssue({ code: 'custom', path, message });
      return z.NEVER;
    };
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return fail([], `expected an object naming one ${kind} (${supported})`);
    const names = Object.keys(value).filter((name) => name !== 'label');
    if (names.length !== 1)
      return fail(
        [],
        `expected exactly one ${kind} (${supported}), found ${names.length ? names.join(', ') : 'none'}`,
      );
    const [name] = names;
    if (UNSAFE.includes(name))
      return fail([name], `the ${name} ${kind} is not allowed: it reaches the gateway's host`);
    if (!Object.hasOwn(registry, name)) return fail([name], `unsupported ${kind}; supported: ${supported}`);
    const parsed = registry[name].safeParse((value as Record<string, unknown>)[name]);
    if (!parsed.success) {
      for (const issue of pathIssues(parsed.error.issues)) fail([name, ...issue.path], issue.message);
      return z.NEVER;
    }
    return { type: name, config: parsed.data } as Component<R>;
  });
}

/** `broker` with `pattern: fan_out`: every message to each of its outputs; brokers do not nest. */
const brokerOutput = z.strictObject({
  pattern: z.literal('fan_out', { error: 'only the fan_out pattern is supported' }).default('fan_out'),
  outputs: z.array(oneOf('output', LEAF_OUTPUTS)).min(1, 'at least one output is required').max(8),
  copies: z.literal(1, { error: 'only 1 copy is supported' }).default(1),
  batching: z.unknown().optional(),
});

export const OUTPUTS = { ...LEAF_OUTPUTS, broker: brokerOutput };

export const inputComponent = oneOf('input', INPUTS);
export const outputComponent = oneOf('output', OUTPUTS);
export const processorComponent = oneOf('processor', PROCESSORS);

export type InputSpec = Component<typeof INPUTS>;
export type OutputSpec = Component<typeof OUTPUTS>;
export type LeafOutputSpec = Component<typeof LEAF_OUTPUTS>;
export type ProcessorSpec = Component<typeof PROCESSORS>;
