/** The console's sections, in menu order, each shown only to roles that may read it. */
export interface Section {
  to: string;
  label: string;
  /** The resource whose `read` permission the section needs; undefined for every signed-in user. */
  resource?: string;
}

export const SECTIONS: Section[] = [
  { to: '/', label: 'Overview' },
  { to: '/apis', label: 'APIs', resource: 'apis' },
  { to: '/policies', label: 'Policies', resource: 'policies' },
  { to: '/keys', label: 'Keys', resource: 'keys' },
  { to: '/gateways', label: 'Gateways', resource: 'gateway-groups' },
  { to: '/analytics', label: 'Analytics', resource: 'analytics' },
  { to: '/audit', label: 'Audit log', resource: 'audit' },
  { to: '/users', label: 'Users', resource: 'users' },
  { to: '/tokens', label: 'API tokens' },
];
