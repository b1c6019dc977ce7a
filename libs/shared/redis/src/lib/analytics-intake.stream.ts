import type { Redis } from './redis-client';
import { slotTagOf } from '@gatehouse/shared-kernel';

/** Stores the batch and remembers its id in one step, so a batch is in the stream exactly once. */
const STORE_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'n', ARGV[3], 'r', ARGV[4], 'o', ARGV[5], 'g', ARGV[6], 'b', ARGV[7])
  return 1
end
return 0
`;

export interface AnalyticsIntakeOptions {
  /** The control plane's analytics stream, read by the central pump. */
  stream: string;
  maxStreamLength: number;
  /** How long a batch id is remembered; senders resend only unacknowledged batches, soon after. */
  dedupeSeconds: number;
}

/**
 * Analytics arriving from regions, written in the gateway stream's entry shape (`n` count, `r` JSON
 * array) plus the org (`o`), the gateway group (`g`, the region) and the batch id (`b`).
 */
export class AnalyticsIntakeStream {
  /** Batch ids are remembered in the stream's hash slot: the script touches both (Redis Cluster). */
  private readonly batchKeyPrefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: AnalyticsIntakeOptions,
  ) {
    this.batchKeyPrefix = `gatehouse:analytics-batch:${slotTagOf(options.stream)}:`;
  }

  async storeOnce(
    source: { orgId: string; groupId: string },
    batchId: string,
    records: string[],
  ): Promise<boolean> {
    const { orgId, groupId } = source;
    const stored = await this.redis.eval(
      STORE_ONCE,
      2,
      `${this.batchKeyPrefix}${orgId}:${batchId}`,
      this.options.stream,
      String(this.options.dedupeSeconds),
      String(this.options.maxStreamLength),
      String(records.length),
      `[${records.join(',')}]`,
      orgId,
      groupId,
      batchId,
    );
    return stored === 1;
  }
}
