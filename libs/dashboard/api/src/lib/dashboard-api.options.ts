import type {
  AnalyticsRepository,
  AuditRepository,
  CredentialThrottle,
  OrgRepository,
  TokenRepository,
  UserRepository,
} from '@gatehouse/dashboard-data-access';
import type {
  ApiRepository,
  ChangeNotifier,
  GatewayNodeRepository,
  KeyRepository,
  NodeTokenRepository,
  PolicyRepository,
} from '@gatehouse/shared-control-plane-db';
import type { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';

import type { GatewayGroupStore } from './gateway-groups/gateway-group-store';
import type { WriteAdmission } from './http/write-admission.interceptor';

/**
 * Everything the dashboard API reads and writes, opened by the app. Only the module sees all of it: it
 * hands each service the few stores that service uses.
 */
export interface DashboardStores {
  orgs: OrgRepository;
  users: UserRepository;
  tokens: TokenRepository;
  apis: ApiRepository;
  policies: PolicyRepository;
  keys: KeyRepository;
  gatewayGroups: GatewayGroupStore;
  nodeTokens: NodeTokenRepository;
  gatewayNodes: GatewayNodeRepository;
  audit: AuditRepository;
  /** The pump's partial aggregates (read-only here). */
  analytics: AnalyticsRepository;
  changes: ChangeNotifier;
  /** Attempts at passwords and the admin secret, shared by every dashboard instance. */
  credentialThrottle: CredentialThrottle;
}

export interface DashboardApiOptions {
  stores: DashboardStores;
  /** Per-org write rate, write concurrency and document limits. */
  admission: WriteAdmission;
  /** Platform operators' secret for creating organisations (`x-gatehouse-admin-secret`). */
  adminSecret: string;
  sessionHours: number;
  /** The format of new keys (Tyk's hash_key_function: the `h` inside a key; not how it is hashed). */
  hashKeyFunction: string;
  /** How keys are hashed: a keyed hash per org, the same on every bridge. */
  keyHashing: OrgKeyHashing;
}
