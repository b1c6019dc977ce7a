import { isDuplicateKey } from '@gatehouse/shared-control-plane-db';
import {
  type Organisation,
  type OrgRepository,
  type User,
  type UserRepository,
} from '@gatehouse/dashboard-data-access';
import { createOrgSchema, PasswordHasher, scryptPasswordHasher } from '@gatehouse/dashboard-domain';
import { ConflictError, parseOrThrow } from '@gatehouse/shared-kernel';
import { randomUUID } from 'node:crypto';

import type { AuditActor, AuditRecorder } from '../audit/audit.service';
import type { AdminSecretCheck } from '../auth/admin-secret-check';
import type { NamedToken, TokenIssuer } from '../auth/token-issuer';

/** What creating an organisation answers: the org, its owner, and the owner's first login session. */
export type CreatedOrg = { org: Organisation; owner: User } & NamedToken;

/** Organisations (tenants), created by platform operators with the admin secret, each with its owner. */
export class OrgsService {
  constructor(
    private readonly orgs: OrgRepository,
    private readonly users: UserRepository,
    private readonly adminSecret: AdminSecretCheck,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditRecorder,
    private readonly passwords: PasswordHasher = scryptPasswordHasher,
  ) {}

  async create(
    body: unknown,
    secret: string | undefined,
    clientIp: string,
    requestId: string,
  ): Promise<CreatedOrg> {
    await this.adminSecret.admit(secret, clientIp);
    const input = parseOrThrow(createOrgSchema, body);
    const org = await this.orgs
      .create({ id: randomUUID().replace(/-/g, ''), slug: input.slug, name: input.name })
      .catch((error: unknown) => {
        throw isDuplicateKey(error) ? new ConflictError(`organisation ${input.slug} already exists`) : error;
      });
    const owner = await this.users.create(org.id, {
      id: randomUUID(),
      email: input.owner.email,
      name: input.owner.name,
      role: 'owner',
      passwordHash: await this.passwords.hash(input.owner.password),
      invitationHash: null,
    });
    const actor: AuditActor = { orgId: org.id, userId: owner.id, email: owner.email, requestId };
    await this.audit.record(actor, {
      action: 'create',
      resource: 'org',
      resourceId: org.id,
      before: null,
      after: { org, owner },
    });
    const session = await this.issuer.session(org.id, owner.id);
    return { org, owner, ...session };
  }
}
