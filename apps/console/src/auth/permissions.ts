/** What the signed-in user is, as `GET /me` answers it. */
export interface Me {
  orgId: string;
  userId?: string | null;
  email?: string | null;
  role: string;
  /** Every `resource:verb` the role holds; the console hides what is missing (the API refuses it anyway). */
  permissions: string[];
  sessionExpiresAt?: string | null;
}

export type Verb = 'read' | 'write';

export function can(me: Me | undefined, resource: string, verb: Verb): boolean {
  return me?.permissions.includes(`${resource}:${verb}`) ?? false;
}
