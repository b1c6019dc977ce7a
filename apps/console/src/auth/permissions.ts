import type { components } from '../api/generated/dashboard-api';

/** The signed-in user as `GET /me` answers it; `permissions` lists every `resource:verb` the role holds. */
export type Me = components['schemas']['Me'];

export type Verb = 'read' | 'write';

/** Whether the console shows an action; the API enforces the same permission whatever the console shows. */
export function can(me: Me | undefined, resource: string, verb: Verb): boolean {
  return me?.permissions.includes(`${resource}:${verb}`) ?? false;
}
