export const ROLES = ['owner', 'admin', 'api-editor', 'key-manager', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  'org',
  'users',
  'apis',
  'policies',
  'keys',
  'gateway-groups',
  'audit',
  'analytics',
  'changes',
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Verb = 'read' | 'write';

type Grants = Partial<Record<Resource, Verb[]>>;

const READ_ALL: Grants = Object.fromEntries(RESOURCES.map((resource) => [resource, ['read']])) as Grants;
const WRITE_ALL: Grants = Object.fromEntries(
  RESOURCES.map((resource) => [resource, ['read', 'write']]),
) as Grants;

/**
 * What each role may do. Owners may change the organisation itself; admins everything inside it;
 * editors and key managers write their own resources and read the rest; analysts and viewers read
 * (only analysts see analytics and the audit trail).
 */
export const PERMISSIONS: Record<Role, Grants> = {
  owner: WRITE_ALL,
  admin: { ...WRITE_ALL, org: ['read'] },
  'api-editor': {
    ...READ_ALL,
    audit: [],
    users: ['read'],
    apis: ['read', 'write'],
    policies: ['read', 'write'],
  },
  'key-manager': { ...READ_ALL, audit: [], keys: ['read', 'write'] },
  analyst: { ...READ_ALL },
  viewer: { ...READ_ALL, audit: [], analytics: [] },
};

export function allows(role: Role, resource: Resource, verb: Verb): boolean {
  return PERMISSIONS[role][resource]?.includes(verb) ?? false;
}

/** What a role may do, as `resource:verb` strings (`apis:write`), in the order of RESOURCES. */
export function permissionsOf(role: Role): string[] {
  return RESOURCES.flatMap((resource) =>
    (PERMISSIONS[role][resource] ?? []).map((verb) => `${resource}:${verb}`),
  );
}
