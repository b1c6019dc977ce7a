import type { Redis } from 'ioredis';

export const CHANGES_CHANNEL = 'gatehouse:changes';

/**
 * Wakes bridges the moment a change is committed, so regions hear of it in milliseconds; polling with
 * look-back stays as the safety net for a lost message.
 */
export class ChangeNotifier {
  constructor(private readonly redis: Redis) {}

  async changed(orgId: string, rev: number): Promise<void> {
    await this.redis.publish(CHANGES_CHANNEL, JSON.stringify({ orgId, rev }));
  }
}
