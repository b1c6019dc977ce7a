import {
  httpListenSchema,
  keyHashingSettingsSchema,
  logSettingsSchema,
  mongoConnectionSchema,
  requiredRedisSchema,
  serverTlsSchema,
  shutdownTimeoutMsSchema,
  tlsEnabled,
} from '@gatehouse/shared-config';
import { z } from 'zod';

const perSecond = (fallback: number) => z.number().min(0.01).max(1_000_000).default(fallback);
const count = (fallback: number) => z.number().int().min(1).max(1_000_000).default(fallback);

/**
 * What one node token and one org may ask of this bridge (docs/multi-region.md, "Limits"). Past a rate
 * or a stream cap a call gets RESOURCE_EXHAUSTED; database work waits in its org's bounded share and
 * past the queue or its timeout gets RESOURCE_EXHAUSTED (the org's queue) or UNAVAILABLE.
 */
const limitsSchema = z
  .object({
    /** Open Watch streams of one node token (all gateways of one group share it) on this bridge. */
    watchStreamsPerToken: count(100),
    /** Open Watch streams of one org on this bridge. */
    watchStreamsPerOrg: count(250),
    /** Handshake, Watch, GetKey and ReportStatus calls per node token per second, sustained. */
    callsPerSecondPerToken: perSecond(500),
    callBurstPerToken: count(1000),
    callsPerSecondPerOrg: perSecond(1000),
    callBurstPerOrg: count(2000),
    /** Database operations of one org running at once on this bridge; the rest wait their turn. */
    databaseReadsPerOrg: count(4),
    /** Database operations of all orgs running at once (keep below mongo.maxPoolSize). */
    databaseReads: count(16),
    /** Operations of one org waiting; more are refused at once (RESOURCE_EXHAUSTED). */
    queuedReadsPerOrg: count(1000),
    /** Operations of all orgs waiting; more are refused at once (UNAVAILABLE). */
    queuedReads: count(10_000),
    /** How long an operation may wait for its turn before it is refused (UNAVAILABLE). */
    readQueueTimeoutMs: count(5000),
    /** How long an unknown or revoked node token is remembered, so retrying it costs no read. */
    unknownTokenCacheMs: z.number().int().min(0).max(600_000).default(2000),
  })
  .prefault({});

/**
 * Where gateway nodes connect. TLS unless `allowInsecure`: node tokens ride on every call, and a bridge
 * usually faces other regions across networks we do not own.
 */
const grpcListenSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(50051),
    tls: serverTlsSchema,
    /** Serve plaintext gRPC (node tokens in clear): only on a network that is itself encrypted. */
    allowInsecure: z.boolean().default(false),
  })
  .prefault({})
  .superRefine((grpc, context) => {
    if (!tlsEnabled(grpc.tls) && !grpc.allowInsecure)
      context.addIssue({
        code: 'custom',
        path: ['tls', 'certFile'],
        message:
          'the bridge serves gRPC over TLS: set grpc.tls.certFile and grpc.tls.keyFile, or grpc.allowInsecure: true for plaintext (node tokens then cross the network in clear)',
      });
  });

/** Every bridge setting; set each with GATEHOUSE_BRIDGE_<PATH>, e.g. GATEHOUSE_BRIDGE_GRPC_PORT. */
export const bridgeConfigSchema = z.object({
  grpc: grpcListenSchema,
  /** Health and metrics for operators. */
  http: httpListenSchema(3100),
  mongo: mongoConnectionSchema,
  redis: requiredRedisSchema,
  /** Must equal the dashboard's: the bridge hands each org's derived hashing key to its gateways. */
  keyHashing: keyHashingSettingsSchema,
  watch: z
    .object({
      /** How often a Watch stream sends a heartbeat and re-checks the node's token and tags. */
      heartbeatMs: z.number().int().min(100).max(60_000).default(5000),
      /** The safety net for a lost wake-up: the change log is read at least this often. */
      pollMs: z.number().int().min(50).max(60_000).default(2000),
      /** Revisions re-read below a cursor, for writes that committed after a higher revision. */
      lookBack: z.number().int().min(0).max(100_000).default(200),
    })
    .prefault({}),
  analytics: z
    .object({
      /** The control plane's analytics stream (read by the central pump). */
      stream: z.string().min(1).default('gatehouse:analytics'),
      maxStreamLength: z.number().int().min(1000).default(5_000_000),
      dedupeSeconds: z.number().int().min(60).default(86_400),
    })
    .prefault({}),
  limits: limitsSchema,
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type BridgeConfig = z.output<typeof bridgeConfigSchema>;
