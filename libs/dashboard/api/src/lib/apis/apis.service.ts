import {
  allows,
  apiListQuerySchema,
  assertStorableDocument,
  keepMaskedSecrets,
  maskDefinitionSecrets,
} from '@gatehouse/dashboard-domain';
import type { ApiFields, ApiRepository, ApiRoute, Versioned } from '@gatehouse/shared-control-plane-db';
import {
  ConflictError,
  FieldIssue,
  InvalidInputError,
  NotFoundError,
  OrgId,
  parseOrThrow,
} from '@gatehouse/shared-kernel';
import { apiDefinitionSchema, isTykOas, oasToClassic } from '@gatehouse/shared-tyk-compat';

import type { CatalogueRecord, CatalogueWriter } from '../catalogue/catalogue-writer';
import type { GatewayGroupStore } from '../gateway-groups/gateway-group-store';
import type { ListPage } from '../http/paged';
import type { Principal } from '../http/principal';
import { apiListFilter, type ApiListItem, withRegions } from './api-list';

type Json = Record<string, unknown>;
type ApiRecord = Versioned<ApiFields>;

interface Validated {
  apiId: string;
  classic: ReturnType<typeof apiDefinitionSchema.parse>;
  definition: Json;
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** How long a claim whose API is not stored yet counts as a create still running (a write takes ms). */
const CLAIM_IN_PROGRESS_MS = 30_000;

function normaliseListenPath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

/** Validates a Tyk classic or OAS document and stamps it with the caller's org. */
function validate(body: unknown, orgId: string): Validated {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([
      { path: '', message: 'expected a Tyk API definition (classic or OAS) as a JSON object' },
    ]);
  }
  assertStorableDocument(body);
  const oas = isTykOas(body);
  const definition = structuredClone(body) as Json;
  if (oas) {
    const tyk = definition['x-tyk-api-gateway'] as { info?: Json };
    tyk.info = { ...(tyk.info ?? {}), orgId };
  } else {
    definition['org_id'] = orgId;
  }
  const converted = oas ? oasToClassic(definition) : { definition, issues: [] };
  if (converted.issues.length > 0) throw new InvalidInputError(converted.issues);
  const parsed = apiDefinitionSchema.safeParse(converted.definition);
  if (!parsed.success) throw new InvalidInputError(issuesOf(parsed.error));
  const classic = parsed.data;
  const targets =
    classic.proxy.enable_load_balancing && classic.proxy.target_list.length > 0
      ? classic.proxy.target_list
      : [classic.proxy.target_url];
  targets.forEach((url, index) => {
    if (!/^https?:\/\/[^/]/.test(url)) {
      const path = classic.proxy.enable_load_balancing ? `proxy.target_list.${index}` : 'proxy.target_url';
      throw new InvalidInputError([{ path, message: `"${url}" is not an http(s) URL` }]);
    }
  });
  return { apiId: classic.api_id, classic, definition };
}

/** Definitions as a role may read them: secrets masked below api-editor (see maskDefinitionSecrets). */
function visibleTo(principal: Principal, api: ApiRecord): ApiRecord {
  return allows(principal.role, 'apis', 'write')
    ? api
    : { ...api, document: maskDefinitionSecrets(api.document) };
}

/** APIs of an org: Tyk documents, validated, conflict-checked, audited and announced on the change log. */
export class ApisService {
  constructor(
    private readonly apis: ApiRepository,
    private readonly writer: CatalogueWriter<ApiFields>,
    private readonly groups: Pick<GatewayGroupStore, 'list'>,
  ) {}

  async create(principal: Principal, body: unknown): Promise<ApiRecord> {
    const api = validate(body, principal.orgId);
    const route = routeOf(api);
    await this.claim(principal.orgId, route, api.apiId);
    const created = await this.writer.create(principal, this.recordOf(api, route), {
      action: 'create',
      resourceId: api.apiId,
      before: null,
      after: api.definition,
    });
    if ('saved' in created) return created.saved;
    // The claim just made is not the existing API's, unless it already served this route.
    if (!sameRoute(created.taken.fields, route))
      await this.apis.routes.release(principal.orgId, route, api.apiId);
    throw new ConflictError(`API ${api.apiId} already exists`);
  }

  async replace(principal: Principal, apiId: string, body: unknown): Promise<ApiRecord> {
    const before = await this.apis.get(principal.orgId, apiId);
    const api = validate(before ? keepMaskedSecrets(body, before.document) : body, principal.orgId);
    if (api.apiId !== apiId)
      throw new InvalidInputError([{ path: 'api_id', message: `must be ${apiId}, the id in the path` }]);
    return this.store(principal, api, before);
  }

  /** Imports Tyk definitions unchanged (one or an array), creating or replacing each. */
  async import(principal: Principal, body: unknown): Promise<ApiRecord[]> {
    const documents = Array.isArray(body) ? body : [body];
    const validated = documents.map((document, index) => {
      try {
        return validate(document, principal.orgId);
      } catch (error) {
        if (!(error instanceof InvalidInputError) || !Array.isArray(body)) throw error;
        throw new InvalidInputError(
          error.issues.map((issue) => ({ ...issue, path: `${index}.${issue.path}` })),
        );
      }
    });
    const existing = await this.apis.getMany(
      principal.orgId,
      validated.map((api) => api.apiId),
    );
    const stored: ApiRecord[] = [];
    for (const api of validated) {
      const saved = await this.store(principal, api, existing.get(api.apiId));
      // An array may name an API twice: the second write replaces the first.
      existing.set(api.apiId, saved);
      stored.push(saved);
    }
    return stored;
  }

  async get(principal: Principal, apiId: string): Promise<ApiRecord> {
    return visibleTo(principal, await this.find(principal, apiId));
  }

  private async find(principal: Principal, apiId: string): Promise<ApiRecord> {
    const found = await this.apis.get(principal.orgId, apiId);
    if (!found) throw new NotFoundError(`API ${apiId} not found`);
    return found;
  }

  /** A page of the org's APIs by id, filtered (see apiListFilter), each with the regions serving it. */
  async list(principal: Principal, query: unknown): Promise<ListPage<ApiListItem>> {
    const { limit, offset, ...filter } = parseOrThrow(apiListQuerySchema, query);
    const where = apiListFilter(filter);
    const [apis, total, groups] = await Promise.all([
      this.apis.list(principal.orgId, limit, offset, where),
      this.apis.count(principal.orgId, where),
      this.groups.list(principal.orgId),
    ]);
    return { items: apis.map((api) => withRegions(visibleTo(principal, api), groups)), total };
  }

  /** The API as a Tyk classic definition (OAS documents converted), secrets masked below api-editor. */
  async exportClassic(principal: Principal, apiId: string): Promise<Json> {
    const found = await this.get(principal, apiId);
    return isTykOas(found.document) ? oasToClassic(found.document).definition : found.document;
  }

  async delete(principal: Principal, apiId: string): Promise<void> {
    const before = await this.find(principal, apiId);
    const deleted = await this.writer.delete(principal, apiId, {
      action: 'delete',
      resourceId: apiId,
      before: before.document,
      after: null,
    });
    if (!deleted) throw new NotFoundError(`API ${apiId} not found`);
    await this.apis.routes.release(principal.orgId, before.fields, apiId);
  }

  private async store(
    principal: Principal,
    api: Validated,
    before: ApiRecord | undefined,
  ): Promise<ApiRecord> {
    const route = routeOf(api);
    const moved = !before || !sameRoute(before.fields, route);
    if (moved) await this.claim(principal.orgId, route, api.apiId);
    const saved = await this.writer.save(principal, this.recordOf(api, route), {
      action: before ? 'update' : 'create',
      resourceId: api.apiId,
      before: before?.document ?? null,
      after: api.definition,
    });
    if (before && moved) await this.apis.routes.release(principal.orgId, before.fields, api.apiId);
    return saved;
  }

  private recordOf(api: Validated, route: ApiRoute): CatalogueRecord<ApiFields> {
    return {
      id: api.apiId,
      document: api.definition,
      fields: { ...route, tags: api.classic.tags, active: api.classic.active },
    };
  }

  /**
   * Takes the route for `apiId`, or answers 409 naming the API that serves it. A claim whose holder
   * no longer serves the route is handed over, unless it is young enough to be a create in progress;
   * a write that loses the hand-over to another looks again and finds the winner holding it.
   */
  private async claim(orgId: OrgId, route: ApiRoute, apiId: string): Promise<void> {
    for (;;) {
      const holder = await this.apis.routes.claim(orgId, route, apiId);
      if (!holder) return;
      const other = await this.apis.get(orgId, holder.apiId);
      const inProgress = Date.now() - holder.claimedAt.getTime() < CLAIM_IN_PROGRESS_MS;
      if ((other && sameRoute(other.fields, route)) || (!other && inProgress))
        throw new ConflictError(`listen path ${route.listenPath} is already used by API ${holder.apiId}`);
      if (await this.apis.routes.handOver(orgId, route, holder, apiId)) return;
    }
  }
}

function routeOf(api: Validated): ApiRoute {
  return {
    domain: api.classic.domain.toLowerCase(),
    listenPath: normaliseListenPath(api.classic.proxy.listen_path),
  };
}

function sameRoute(a: ApiRoute, b: ApiRoute): boolean {
  return a.domain === b.domain && a.listenPath === b.listenPath;
}
