import type { Role } from '@gatehouse/dashboard-domain';
import type { OrgId } from '@gatehouse/shared-kernel';

/** Who is calling: resolved from a session or API token by the auth guard. */
export interface Principal {
  orgId: OrgId;
  userId: string;
  email: string;
  role: Role;
  requestId: string;
}
