import type { WriteAdmission } from '@gatehouse/dashboard-api';
import { FairConcurrencyLimiter } from '@gatehouse/shared-admission';
import { documentLimits } from '@gatehouse/shared-kernel';
import { GcraRateLimiter, type Redis } from '@gatehouse/shared-redis';

import type { DashboardConfig } from './dashboard.config';

/** The write admission of this instance: the org's rate in Redis (shared), the rest in process. */
export function writeAdmission(limits: DashboardConfig['limits'], redis: Redis): WriteAdmission {
  const { writes } = limits;
  return {
    rate: new GcraRateLimiter(redis, 'gatehouse:write-rate:', {
      perSecond: writes.perSecond,
      burst: writes.burst,
    }),
    perSecond: writes.perSecond,
    burst: writes.burst,
    concurrency: new FairConcurrencyLimiter(
      {
        perKey: writes.concurrentPerOrg,
        total: writes.concurrent,
        queuedPerKey: writes.queuedPerOrg,
        queuedTotal: writes.queued,
        queueTimeoutMs: writes.queueTimeoutMs,
      },
      'writes',
    ),
    documentLimits: documentLimits(limits.documents),
  };
}
