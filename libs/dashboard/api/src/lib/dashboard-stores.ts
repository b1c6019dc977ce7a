import {
  ApiRepository,
  AuditRepository,
  ChangeNotifier,
  LoginThrottle,
  OrgRepository,
  TokenRepository,
  UserRepository,
} from '@gatehouse/dashboard-data-access';

/** Everything the dashboard API reads and writes, handed in by the app. */
export interface DashboardStores {
  orgs: OrgRepository;
  users: UserRepository;
  tokens: TokenRepository;
  apis: ApiRepository;
  audit: AuditRepository;
  changes: ChangeNotifier;
  loginThrottle: LoginThrottle;
}

export interface DashboardApiOptions {
  stores: DashboardStores;
  /** Platform operators' secret for creating organisations (`x-gatehouse-admin-secret`). */
  adminSecret: string;
  sessionHours: number;
}

export const DASHBOARD_API_OPTIONS = Symbol('DASHBOARD_API_OPTIONS');
