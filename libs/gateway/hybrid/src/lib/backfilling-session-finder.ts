import type { StructuredLogger } from '@gatehouse/shared-observability';
import { GrpcServiceError, GrpcStatus } from '@gatehouse/shared-proto';
import { SessionState, sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import type { BridgeLink } from './bridge-link';
import type { RegionalSessions } from './hybrid-ports';

/** What became of a key that regional Redis did not have. */
export type BackfillOutcome = 'found' | 'not_found' | 'offline' | 'over_budget' | 'error';

/** A token bucket refilled continuously: `perSecond` back-fills a second, bursts up to the same. */
class BackfillBudget {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Finds keys in hybrid mode: regional Redis first, then the control plane through the bridge, storing
 * what it gets in Redis so the rest of the region finds it there. Without a live bridge, or past the
 * back-fill budget, an unknown key is refused: the gateway fails closed.
 */
export class BackfillingSessionFinder {
  private readonly budget: BackfillBudget;

  constructor(
    private readonly sessions: RegionalSessions,
    private readonly link: Pick<BridgeLink, 'client'>,
    backfillsPerSecond: number,
    private readonly logger: StructuredLogger,
    private readonly observe: (outcome: BackfillOutcome) => void = () => undefined,
  ) {
    this.budget = new BackfillBudget(backfillsPerSecond);
  }

  async lookup(
    keyId: string,
    known?: string,
  ): Promise<{ session: SessionState; version?: string } | { unchanged: true } | undefined> {
    const regional = await this.sessions.lookup(keyId, known);
    if (regional) return regional;
    const client = this.link.client;
    if (!client) return this.outcome('offline');
    if (!this.budget.take()) return this.outcome('over_budget');
    let sessionJson: string;
    let rev: number;
    try {
      ({ sessionJson, rev } = await client.getKey({ keyHash: keyId }));
    } catch (error) {
      if ((error as GrpcServiceError).code === GrpcStatus.NOT_FOUND) return this.outcome('not_found');
      this.logger.warn({ err: (error as Error).message }, 'key back-fill failed; refusing the key');
      return this.outcome('error');
    }
    const raw = JSON.parse(sessionJson) as Record<string, unknown>;
    const parsed = sessionStateSchema.safeParse(raw);
    if (!parsed.success) return this.outcome('error');
    await this.sessions.saveCopy(keyId, raw, rev).catch((error: Error) => {
      this.logger.warn({ err: error.message }, 'could not store a back-filled key in regional Redis');
    });
    this.observe('found');
    return { session: parsed.data };
  }

  private outcome(outcome: Exclude<BackfillOutcome, 'found'>): undefined {
    this.observe(outcome);
    return undefined;
  }
}
