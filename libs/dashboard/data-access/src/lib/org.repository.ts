import { OrgId, trustedOrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';

export interface Organisation {
  id: OrgId;
  slug: string;
  name: string;
  createdAt: Date;
}

interface OrgDocument {
  _id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

export class OrgRepository {
  private readonly orgs: Collection<OrgDocument>;

  constructor(db: Db) {
    this.orgs = db.collection<OrgDocument>('orgs');
  }

  async ensureIndexes(): Promise<void> {
    await this.orgs.createIndex({ slug: 1 }, { unique: true, name: 'slug_unique' });
  }

  /** Fails with Mongo's duplicate-key error (11000) when the slug is taken. */
  async create(org: { id: string; slug: string; name: string }): Promise<Organisation> {
    const document = { _id: org.id, slug: org.slug, name: org.name, createdAt: new Date() };
    await this.orgs.insertOne(document);
    return {
      id: trustedOrgId(document._id),
      slug: document.slug,
      name: document.name,
      createdAt: document.createdAt,
    };
  }

  async findBySlug(slug: string): Promise<Organisation | undefined> {
    const found = await this.orgs.findOne({ slug });
    return found
      ? { id: trustedOrgId(found._id), slug: found.slug, name: found.name, createdAt: found.createdAt }
      : undefined;
  }

  async get(orgId: OrgId): Promise<Organisation | undefined> {
    const found = await this.orgs.findOne({ _id: orgId });
    return found ? { id: orgId, slug: found.slug, name: found.name, createdAt: found.createdAt } : undefined;
  }
}
