declare const orgIdBrand: unique symbol;

/**
 * An organisation id that came from an authenticated principal (or from creating the organisation).
 * Every tenant-scoped repository method takes one, so a query without a tenant does not compile.
 */
export type OrgId = string & { readonly [orgIdBrand]: true };

/** Only authentication and organisation creation may call this: it vouches that `id` is the caller's. */
export function trustedOrgId(id: string): OrgId {
  return id as OrgId;
}
