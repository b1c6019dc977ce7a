import type { components } from '../../api/generated/dashboard-api';
import { can, type Me } from '../../auth/permissions';

export type User = components['schemas']['User'];
export type Role = User['role'];

/** Every role, most powerful first; `Record` makes the compiler flag a role the API adds. */
const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  'api-editor': 'API editor',
  'key-manager': 'Key manager',
  analyst: 'Analyst',
  viewer: 'Viewer',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const roleLabel = (role: Role): string => ROLE_LABELS[role];

/**
 * The roles `me` may give `user`, the same rules the API applies: only with `users:write`, never to
 * oneself, and only owners grant the owner role or change an owner. Empty: the role is read-only.
 */
export function roleChoices(me: Me | undefined, user: Pick<User, 'id' | 'role'>): Role[] {
  if (!me || !can(me, 'users', 'write') || me.userId === user.id) return [];
  if (me.role === 'owner') return ROLES;
  if (user.role === 'owner') return [];
  return ROLES.filter((role) => role !== 'owner');
}

/** Whether `me` may deactivate or reactivate `user` (not oneself; owners only by owners). */
export function mayChangeState(me: Me | undefined, user: Pick<User, 'id' | 'role'>): boolean {
  return roleChoices(me, user).length > 0;
}
