import { assertStorableDocument, literalPattern, policyListQuerySchema } from '@gatehouse/dashboard-domain';
import type { PolicyFields, PolicyRepository, Versioned } from '@gatehouse/shared-control-plane-db';
import {
  ConflictError,
  FieldIssue,
  InvalidInputError,
  NotFoundError,
  parseOrThrow,
} from '@gatehouse/shared-kernel';
import { policySchema } from '@gatehouse/shared-tyk-compat';

import type { CatalogueRecord, CatalogueWriter } from '../catalogue/catalogue-writer';
import type { ListPage } from '../http/paged';
import type { Principal } from '../http/principal';
import type { BodyDocument } from '../http/stored-documents';

type Json = Record<string, unknown>;

function validate(body: unknown, orgId: string): CatalogueRecord<PolicyFields> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '', message: 'expected a Tyk policy as a JSON object' }]);
  }
  assertStorableDocument(body);
  const document = { ...(body as Json), org_id: orgId };
  const parsed = policySchema.safeParse(document);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new InvalidInputError(issues);
  }
  const policy = parsed.data;
  return {
    id: policy.id,
    document: { ...document, id: policy.id },
    fields: { name: policy.name, tags: policy.tags, active: policy.active },
  };
}

/**
 * The policies of an import, as Tyk exports them: one policy, an array, or a `{ "<id>": policy }` map
 * (each named by its place in the body).
 */
export function importedPolicies(body: unknown): BodyDocument[] {
  if (Array.isArray(body)) return body.map((document, index) => ({ path: String(index), document }));
  if (body !== null && typeof body === 'object' && !('rate' in body || 'access_rights' in body))
    return Object.entries(body as Json).map(([id, policy]) => ({
      path: id,
      document: { id, ...(policy as Json) },
    }));
  return [{ path: '', document: body }];
}

/** Tyk policies of an org: validated, audited, on the change log. */
export class PoliciesService {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly writer: CatalogueWriter<PolicyFields>,
  ) {}

  async create(principal: Principal, body: unknown): Promise<Versioned<PolicyFields>> {
    const policy = validate(body, principal.orgId);
    if (await this.policies.get(principal.orgId, policy.id))
      throw new ConflictError(`policy ${policy.id} already exists`);
    return this.store(principal, policy);
  }

  async replace(principal: Principal, id: string, body: unknown): Promise<Versioned<PolicyFields>> {
    const policy = validate({ ...(body as Json), id }, principal.orgId);
    return this.store(principal, policy);
  }

  /** Tyk policy JSON as is: one policy, an array, or Tyk's `{ "<id>": policy }` map. */
  async import(principal: Principal, body: unknown): Promise<Versioned<PolicyFields>[]> {
    const validated = importedPolicies(body).map(({ document }) => validate(document, principal.orgId));
    const stored = [];
    for (const policy of validated) stored.push(await this.store(principal, policy));
    return stored;
  }

  async get(principal: Principal, id: string): Promise<Versioned<PolicyFields>> {
    const found = await this.policies.get(principal.orgId, id);
    if (!found) throw new NotFoundError(`policy ${id} not found`);
    return found;
  }

  /** A page of the org's policies by id, `q` matching the name or id; and how many match in all. */
  async list(principal: Principal, query: unknown): Promise<ListPage<Versioned<PolicyFields>>> {
    const { q, limit, offset } = parseOrThrow(policyListQuerySchema, query);
    const text = q === undefined ? undefined : { $regex: literalPattern(q), $options: 'i' };
    const where = text ? { $or: [{ id: text }, { 'fields.name': text }] } : {};
    const [items, total] = await Promise.all([
      this.policies.list(principal.orgId, limit, offset, where),
      this.policies.count(principal.orgId, where),
    ]);
    return { items, total };
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const before = await this.get(principal, id);
    const deleted = await this.writer.delete(principal, id, {
      action: 'delete',
      resourceId: id,
      before: before.document,
      after: null,
    });
    if (!deleted) throw new NotFoundError(`policy ${id} not found`);
  }

  private async store(
    principal: Principal,
    policy: ReturnType<typeof validate>,
  ): Promise<Versioned<PolicyFields>> {
    const before = await this.policies.get(principal.orgId, policy.id);
    return this.writer.save(principal, policy, {
      action: before ? 'update' : 'create',
      resourceId: policy.id,
      before: before?.document ?? null,
      after: policy.document,
    });
  }
}
