import type { Redis } from 'ioredis';

/** The id right after `id` (`ms-seq` → `ms-(seq+1)`): the first id a group has not been given yet. */
function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
}

function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  return aMs === bMs ? Number(aSeq - bSeq) : Number(aMs - bMs);
}

function fieldsOf(list: unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let index = 0; index + 1 < list.length; index += 2) fields[String(list[index])] = list[index + 1];
  return fields;
}

/**
 * Deletes stream entries every consumer group has acknowledged, and nothing else: gateways never trim
 * (a full stream refuses and counts new batches instead), so an entry leaves Redis only once every sink
 * has it.
 */
export class StreamTrimmer {
  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
  ) {}

  /** Returns how many entries were deleted; none while the stream has no consumer group. */
  async trimAcknowledged(): Promise<number> {
    let groups: unknown[][];
    try {
      groups = (await this.redis.xinfo('GROUPS', this.stream)) as unknown[][];
    } catch {
      return 0;
    }
    if (groups.length === 0) return 0;
    let floor: string | undefined;
    for (const group of groups.map(fieldsOf)) {
      let keepFrom = nextId(String(group['last-delivered-id']));
      if (Number(group['pending']) > 0) {
        const [, oldestPending] = (await this.redis.xpending(this.stream, String(group['name']))) as [
          number,
          string,
        ];
        keepFrom = oldestPending;
      }
      if (floor === undefined || compareIds(keepFrom, floor) < 0) floor = keepFrom;
    }
    return floor ? Number(await this.redis.xtrim(this.stream, 'MINID', floor)) : 0;
  }
}
