import { z } from 'zod';

import { accepted, count, durationMs, refused, tls } from '../bento-fields';

const statusList = z.array(z.number().int().min(100).max(599)).max(64);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/**
 * Bento's `http_client` output, a webhook: each message sent once per region, retried with backoff on
 * the listed statuses and on network errors, and dead-lettered after `retries`.
 */
export const httpClientOutput = z.strictObject({
  url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s]+$/, 'expected an http:// or https:// URL'),
  verb: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']).default('POST'),
  headers: z
    .record(z.string().regex(HEADER_NAME, 'not a valid header name'), z.string().max(8192))
    .default({}),
  basic_auth: z
    .strictObject({
      enabled: z.boolean().default(false),
      username: z.string().max(256).default(''),
      password: z.string().max(1024).default(''),
    })
    .optional(),
  timeout: durationMs('5s'),
  retry_period: durationMs('1s'),
  max_retry_backoff: durationMs('300s'),
  retries: count(0, 100, 3),
  backoff_on: statusList.default([429]),
  drop_on: statusList.default([]),
  successful_on: statusList.default([]),
  max_in_flight: count(1, 1024, 64),
  tls,
  ...accepted('batching', 'dump_request_log_level', 'metadata', 'extract_headers', 'propagate_response'),
  ...refused('use basic_auth or headers', 'oauth', 'oauth2', 'jwt'),
  ...refused("it would route the gateway's traffic elsewhere", 'proxy_url'),
});
export type HttpClientOutput = z.output<typeof httpClientOutput>;
