import type { Change } from '@gatehouse/shared-change-log';
import type { OrgId } from '@gatehouse/shared-kernel';

/** A collection of the change log, read by revision (ApiRepository, PolicyRepository, KeyRepository). */
export interface ChangeSource {
  changesAfter(orgId: OrgId, after: number, limit: number): Promise<Change[]>;
}

/** The org's change log across the catalogues, as one list in revision order. */
export class ChangesService {
  constructor(private readonly sources: ChangeSource[]) {}

  /** Changes with `rev > after`, oldest first, at most `limit`. */
  async after(orgId: OrgId, after: number, limit: number): Promise<Change[]> {
    const lists = await Promise.all(this.sources.map((source) => source.changesAfter(orgId, after, limit)));
    return lists
      .flat()
      .sort((a, b) => a.rev - b.rev)
      .slice(0, limit);
  }
}
