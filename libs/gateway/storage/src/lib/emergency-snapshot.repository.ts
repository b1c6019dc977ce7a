import type { RedisConnection } from './redis-connection';

/** Keeps the newest snapshot: a gateway that is behind never overwrites a peer's fresher one. */
const WRITE_IF_NEWER = `
local held = tonumber(redis.call('HGET', KEYS[1], 'cursor') or '-1')
if tonumber(ARGV[1]) >= held then
  redis.call('HSET', KEYS[1], 'cursor', ARGV[1], 'blob', ARGV[2])
  return 1
end
return 0
`;

/**
 * The group's encrypted emergency snapshot in regional Redis, shared by every gateway of the group in
 * the region. Only ciphertext is stored; the cursor beside it is not secret.
 */
export class EmergencySnapshotRepository {
  private readonly key: string;

  constructor(
    private readonly redis: RedisConnection,
    orgId: string,
    groupId: string,
  ) {
    this.key = `gatehouse:emergency:${orgId}:${groupId}`;
  }

  async read(): Promise<string | undefined> {
    return (await this.redis.hget(this.key, 'blob')) ?? undefined;
  }

  /** False when a snapshot with a higher cursor is already stored. */
  async write(cursor: number, blob: string): Promise<boolean> {
    return (await this.redis.eval(WRITE_IF_NEWER, 1, this.key, String(cursor), blob)) === 1;
  }
}
