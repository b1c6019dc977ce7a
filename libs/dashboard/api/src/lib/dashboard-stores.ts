import {
  AnalyticsRepository,
  AuditRepository,
  CredentialThrottle,
  OrgRepository,
  TokenRepository,
  UserRepository,
} from '@gatehouse/dashboard-data-access';
import {
  ApiRepository,
  ChangeNotifier,
  KeyRepository,
  PolicyRepository,
} from '@gatehouse/shared-control-plane-db';
import type { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import type {
  GatewayGroupRepository,
  GatewayNodeRepository,
  NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';

import type { WriteAdmission } from './write-admission.interceptor';

/** Everything the dashboard API reads and writes, handed in by the app. */
export interface DashboardStores {
  orgs: OrgRepository;
  users: UserRepository;
  tokens: TokenRepository;
  apis: ApiRepository;
  policies: PolicyRepository;
  keys: KeyRepository;
  gatewayGroups: GatewayGroupRepository;
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

export const DASHBOARD_API_OPTIONS = Symbol('DASHBOARD_API_OPTIONS');
