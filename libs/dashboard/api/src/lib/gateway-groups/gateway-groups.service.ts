import type { NodeTokenRepository } from '@gatehouse/shared-control-plane-db';
import {
  ConflictError,
  type GatewayGroup,
  gatewayGroupSchema,
  InvalidInputError,
  NotFoundError,
  type OrgId,
  parseOrThrow,
} from '@gatehouse/shared-kernel';

import type { AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';
import type { GatewayGroupStore } from './gateway-group-store';

/** A gateway group as a client creates it: the org comes from the caller. */
export const gatewayGroupBodySchema = gatewayGroupSchema.omit({ orgId: true });

/**
 * A gateway group as a client replaces it: the id comes from the path, so the body may leave it out; a
 * body that names one must name the same (a group is not renamed: its node tokens are bound to the id).
 */
export const gatewayGroupUpdateSchema = gatewayGroupBodySchema.partial({ groupId: true });

/** The answer for a group the org does not have (or no longer has). */
export function groupNotFound(groupId: string): NotFoundError {
  return new NotFoundError(`gateway group ${groupId} not found`);
}

/** Gateway groups (a region's cluster): created, replaced, deleted after their node tokens are revoked. */
export class GatewayGroupsService {
  constructor(
    private readonly groups: GatewayGroupStore,
    private readonly nodeTokens: NodeTokenRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** Creates the group; 409 when the org has one of that id, also when another create won a race for it. */
  async create(principal: Principal, body: unknown): Promise<GatewayGroup> {
    const group = { ...parseOrThrow(gatewayGroupBodySchema, body), orgId: principal.orgId };
    if (!(await this.groups.create(group))) {
      throw new ConflictError(
        `gateway group "${group.groupId}" already exists; update it with PUT /api/v1/gateway-groups/${group.groupId}`,
      );
    }
    await this.record(principal, 'create', group.groupId, null, group);
    return group;
  }

  /** Replaces the group's name, region and tags; 404 when the org has no group of that id. */
  async update(principal: Principal, groupId: string, body: unknown): Promise<GatewayGroup> {
    const input = parseOrThrow(gatewayGroupUpdateSchema, body);
    if (input.groupId !== undefined && input.groupId !== groupId)
      throw new InvalidInputError([{ path: 'groupId', message: `must be ${groupId}, the id in the path` }]);
    const group = { ...input, groupId, orgId: principal.orgId };
    const before = await this.get(principal.orgId, groupId);
    // Update-only: a group deleted since the read above stays deleted (and answers 404).
    if (!(await this.groups.update(group))) throw groupNotFound(groupId);
    await this.record(principal, 'update', groupId, before, group);
    return group;
  }

  list(orgId: OrgId): Promise<GatewayGroup[]> {
    return this.groups.list(orgId);
  }

  find(orgId: OrgId, groupId: string): Promise<GatewayGroup | undefined> {
    return this.groups.find(orgId, groupId);
  }

  async get(orgId: OrgId, groupId: string): Promise<GatewayGroup> {
    const found = await this.groups.find(orgId, groupId);
    if (!found) throw groupNotFound(groupId);
    return found;
  }

  /** Deletes the group after revoking every node token of it, so its gateways are cut off first. */
  async delete(principal: Principal, groupId: string): Promise<void> {
    const { orgId } = principal;
    const before = await this.get(orgId, groupId);
    await this.nodeTokens.revokeGroup(orgId, groupId);
    await this.groups.delete(orgId, groupId);
    // Again after the delete: a token minted meanwhile is revoked here or by the mint's own re-check.
    await this.nodeTokens.revokeGroup(orgId, groupId);
    await this.record(principal, 'delete', groupId, before, null);
  }

  private record(
    principal: Principal,
    action: string,
    groupId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    return this.audit.record(principal, {
      action,
      resource: 'gateway-groups',
      resourceId: groupId,
      before,
      after,
    });
  }
}
