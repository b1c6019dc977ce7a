import { z } from 'zod';

/**
 * Field schemas Bento's components share, with Bento's names and defaults. Every component object is
 * strict: a field we neither act on nor list as accepted is refused, so a typo never silently changes
 * nothing.
 */

const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A Go duration ("500ms", "1m30s") as milliseconds. */
export function durationMs(fallback: string) {
  return z
    .string()
    .max(32)
    .regex(DURATION, 'expected a duration such as "500ms", "5s" or "1m30s"')
    .default(fallback)
    .transform((text) => {
      let total = 0;
      for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
        total += Number(amount) * UNIT_MS[unit];
      return Math.round(total);
    });
}

const HOST_PORT = /^[A-Za-z0-9.-]{1,253}:\d{1,5}$/;

/** Broker addresses, "host:port" each; Bento also splits entries on commas. */
export const hostPorts = z
  .array(z.string().max(300))
  .min(1, 'at least one address is required')
  .max(32)
  .transform((list, context) => {
    const split = list.flatMap((entry) => entry.split(',').map((part) => part.trim()));
    for (const [index, entry] of split.entries())
      if (!HOST_PORT.test(entry))
        context.addIssue({ code: 'custom', path: [index], message: `"${entry}" is not host:port` });
    return split;
  });

export const kafkaTopic = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name (letters, digits, ".", "_", "-")');

/** Broker URLs for MQTT: tcp://, mqtt://, ssl:// or mqtts://. */
export const mqttUrls = z
  .array(
    z
      .string()
      .regex(/^(tcp|mqtt|ssl|mqtts|tls):\/\/[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'expected tcp://host:port'),
  )
  .min(1, 'at least one URL is required')
  .max(16);

export const mqttQos = z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1);

export const tls = z
  .strictObject({ enabled: z.boolean().default(false), skip_cert_verify: z.boolean().default(false) })
  .optional();

/** Credentials in a definition are secrets: stored sealed by the control plane, never logged. */
export const sasl = z
  .strictObject({
    mechanism: z.enum(['none', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']).default('none'),
    user: z.string().max(256).default(''),
    password: z.string().max(1024).default(''),
  })
  .optional();

export const clientId = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');

export const count = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

/** Documented Bento fields Gatehouse accepts and does not act on (listed in docs/streams.md). */
export function accepted(...names: string[]): Record<string, z.ZodOptional<z.ZodUnknown>> {
  return Object.fromEntries(names.map((name) => [name, z.unknown().optional()]));
}

/** Fields that would reach the gateway's host or open another listener: refused with the reason. */
export function refused(reason: string, ...names: string[]) {
  return Object.fromEntries(
    names.map((name) => [name, z.undefined({ error: `${name} is not allowed here: ${reason}` }).optional()]),
  );
}

// Each repetition starts with its own "/", so the pattern cannot backtrack on hostile input.
const CANONICAL_PATH = /^(?:\/[A-Za-z0-9._~-]+)+\/?$/;

/** A path served under the API's listen path: canonical, so it matches exactly what routing sees. */
export const servedPath = (fallback: string) =>
  z
    .string()
    .max(256)
    .regex(CANONICAL_PATH, 'expected a path such as /get/stream (letters, digits, ".", "_", "~", "-")')
    .refine(
      (path) => !path.split('/').some((segment) => segment === '.' || segment === '..'),
      'no "." or ".." segments',
    )
    .default(fallback);

/** How Bento's MQTT input and output connect to their broker. */
export function mqttConnection() {
  return {
    urls: mqttUrls,
    client_id: clientId.default(''),
    qos: mqttQos,
    user: z.string().max(256).default(''),
    password: z.string().max(1024).default(''),
    keepalive: z.number().int().min(0).max(3600).default(30),
    connect_timeout: durationMs('30s'),
    tls,
  };
}
