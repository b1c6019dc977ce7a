import { z } from 'zod';

/** Key hashes as gateways store them: murmur32/64/128 or SHA-256, in lower-case hex. */
export const getKeyRequestSchema = z.object({
  keyHash: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a key hash: 8 to 64 lower-case hex digits'),
});

export const reportStatusRequestSchema = z.object({
  nodeId: z.string().min(1).max(200),
  version: z.string().max(50),
  appliedRev: z.number().int().min(0),
  configChecksum: z.union([
    z.literal(''),
    z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
  ]),
  requestsTotal: z.number().int().min(0),
  emergency: z.boolean(),
  streams: z
    .array(
      z.object({
        apiId: z.string().min(1).max(200),
        stream: z.string().min(1).max(64),
        state: z.enum(['running', 'failing', 'stopped']),
        consumers: z.number().int().min(0).max(10_000_000),
        lastError: z.string().max(500),
        lastErrorAtMs: z.number().int().min(0),
      }),
    )
    .max(10_000)
    .default([]),
});

export const watchRequestSchema = z.object({
  nodeId: z.string().min(1).max(200),
  cursor: z.number().int().min(0),
});

export const MAX_RECORDS_PER_BATCH = 10_000;

export const analyticsBatchSchema = z.object({
  batchId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8 to 128 letters, digits or . _ : -'),
  recordsJson: z.array(z.string().min(2).max(1_000_000)).min(1).max(MAX_RECORDS_PER_BATCH),
});
