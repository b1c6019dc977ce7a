import { trustedOrgId } from '@gatehouse/shared-kernel';

import type { Principal } from './principal';

/** The owner of org `acme`, calling with request id `req-1`: the caller of unit specs. */
export const ACME_OWNER: Principal = {
  orgId: trustedOrgId('acme'),
  userId: 'u1',
  email: 'owner@acme.example',
  role: 'owner',
  requestId: 'req-1',
  credential: { id: 'session-1', kind: 'session', expiresAt: null },
};
