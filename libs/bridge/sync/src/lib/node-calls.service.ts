import { ForbiddenError, InvalidInputError, NotFoundError, parseOrThrow } from '@gatehouse/shared-kernel';
import type { GetKeyResponse, ReportAnalyticsResponse, ReportStatusResponse } from '@gatehouse/shared-proto';

import { analyticsBatchSchema, getKeyRequestSchema, reportStatusRequestSchema } from './node-requests';
import type { AnalyticsSink, KeyReader, NodeGrant, NodeStatusWriter } from './sync-ports';

/** The unary and batch calls of a node, after its token was authenticated into `grant`. */
export class NodeCallsService {
  constructor(
    private readonly keys: KeyReader,
    private readonly statuses: NodeStatusWriter,
    private readonly analytics: AnalyticsSink,
  ) {}

  /** A key of the caller's org only: another org's hash is simply not found. */
  async getKey(grant: NodeGrant, request: unknown): Promise<GetKeyResponse> {
    const { keyHash } = parseOrThrow(getKeyRequestSchema, request);
    const found = await this.keys.find(grant.orgId, keyHash);
    if (!found) throw new NotFoundError('key not found');
    return { keyHash, rev: found.rev, sessionJson: JSON.stringify(found.session) };
  }

  async reportStatus(grant: NodeGrant, request: unknown): Promise<ReportStatusResponse> {
    const report = parseOrThrow(reportStatusRequestSchema, request);
    await this.statuses.recordStatus(
      { orgId: grant.orgId, groupId: grant.groupId, nodeId: report.nodeId, version: report.version },
      {
        appliedRev: report.appliedRev,
        configChecksum: report.configChecksum,
        requestsTotal: report.requestsTotal,
        emergency: report.emergency,
        streams: report.streams.map((stream) => ({
          apiId: stream.apiId,
          stream: stream.stream,
          state: stream.state,
          consumers: stream.consumers,
          ...(stream.lastError
            ? { lastError: stream.lastError, lastErrorAt: new Date(stream.lastErrorAtMs) }
            : {}),
        })),
      },
    );
    return { serverTimeMs: Date.now() };
  }

  /**
   * Stores one batch once. Every record must be a JSON object of the caller's org (a region cannot
   * write another tenant's analytics), or the whole batch is refused.
   */
  async storeAnalytics(grant: NodeGrant, request: unknown): Promise<ReportAnalyticsResponse> {
    const batch = parseOrThrow(analyticsBatchSchema, request);
    batch.recordsJson.forEach((record, index) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(record);
      } catch {
        parsed = undefined;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new InvalidInputError([{ path: `recordsJson.${index}`, message: 'must be a JSON object' }]);
      const orgId = (parsed as { org_id?: unknown }).org_id;
      if (orgId !== grant.orgId)
        throw new ForbiddenError(`recordsJson.${index}.org_id: records must belong to org '${grant.orgId}'`);
    });
    const stored = await this.analytics.storeOnce(grant, batch.batchId, batch.recordsJson);
    return { batchId: batch.batchId, duplicate: !stored };
  }
}
