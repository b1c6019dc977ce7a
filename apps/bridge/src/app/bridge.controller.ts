import { HandshakeService, NodeAuthenticator } from '@gatehouse/bridge-sessions';
import { GrpcErrorFilter } from './grpc-error.filter';
import { unavailableFromMongo } from '@gatehouse/shared-control-plane-db';
import {
  ChangeLogReader,
  ChangeSignals,
  NodeCallsService,
  WatchLease,
  WatchOptions,
  WatchRegistry,
  watchRequestSchema,
  WatchSession,
} from '@gatehouse/bridge-sync';
import { DomainError, NotFoundError, OrgId, parseOrThrow } from '@gatehouse/shared-kernel';
import type { Logger } from '@gatehouse/shared-observability';
import {
  BridgeServiceController,
  BridgeServiceControllerMethods,
  GetKeyRequest,
  GetKeyResponse,
  HandshakeRequest,
  HandshakeResponse,
  ReportAnalyticsRequest,
  ReportAnalyticsResponse,
  ReportStatusRequest,
  ReportStatusResponse,
  WatchRequest,
  WatchResponse,
} from '@gatehouse/shared-proto';
import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { concatMap, from, Observable, switchMap, tap } from 'rxjs';

import type { BridgeMetrics } from './bridge-metrics';
import { NodeCallAdmissionInterceptor } from './node-call-admission.interceptor';
import { nodeTokenFrom } from './node-token-metadata';

export const WATCH_DEPENDENCIES = Symbol('WATCH_DEPENDENCIES');
export const BRIDGE_METRICS = Symbol('BRIDGE_METRICS');
export const BRIDGE_LOGGER = Symbol('BRIDGE_LOGGER');

export interface WatchDependencies {
  /** The change log as one org reads it (its reads wait in that org's share of the database). */
  logOf(orgId: OrgId): ChangeLogReader;
  signals: ChangeSignals;
  options: WatchOptions;
  /** One stream per node, a bounded number per token and org. */
  registry: WatchRegistry;
}

/** gRPC transport for gatehouse.bridge.v1.BridgeService; logic lives in the bridge libs. */
@Controller()
@UseFilters(new GrpcErrorFilter(unavailableFromMongo))
@UseInterceptors(NodeCallAdmissionInterceptor)
@BridgeServiceControllerMethods()
export class BridgeController implements BridgeServiceController {
  constructor(
    @Inject(HandshakeService) private readonly handshakes: HandshakeService,
    @Inject(NodeAuthenticator) private readonly authenticator: NodeAuthenticator,
    @Inject(NodeCallsService) private readonly calls: NodeCallsService,
    @Inject(WATCH_DEPENDENCIES) private readonly watchDeps: WatchDependencies,
    @Inject(BRIDGE_METRICS) private readonly metrics: BridgeMetrics,
    @Inject(BRIDGE_LOGGER) private readonly logger: Logger,
  ) {}

  async handshake(request: HandshakeRequest, metadata?: Metadata): Promise<HandshakeResponse> {
    const session = await this.handshakes.open(nodeTokenFrom(metadata), request);
    const { nodeId, orgId, groupId, sessionId } = session;
    this.logger.info({ nodeId, orgId, groupId, sessionId }, 'node opened a session');
    return {
      sessionId: session.sessionId,
      orgId: session.orgId,
      groupId: session.groupId,
      tags: session.tags,
      serverTimeMs: session.serverTimeMs,
      bridgeVersion: session.bridgeVersion,
      keyHashing: {
        algorithm: session.keyHashing.algorithm,
        key: session.keyHashing.key ?? Buffer.alloc(0),
      },
    };
  }

  watch(request: WatchRequest, metadata?: Metadata): Observable<WatchResponse> {
    const token = nodeTokenFrom(metadata);
    return new Observable<WatchResponse>((subscriber) => {
      let session: WatchSession | undefined;
      let lease: WatchLease | undefined;
      let cancelled = false;
      const recheck = () =>
        this.authenticator.authenticate(token, true).catch((error: unknown) => {
          if (error instanceof DomainError) return undefined;
          throw error;
        });
      const run = async () => {
        const grant = await this.authenticator.authenticate(token);
        const { nodeId, cursor } = parseOrThrow(watchRequestSchema, request);
        if (cancelled) return;
        const { logOf, signals, options, registry } = this.watchDeps;
        const watching = new WatchSession(grant, logOf(grant.orgId), signals, recheck, options);
        // A node that reconnects ends its previous stream here, even while that one waits on the database.
        lease = registry.open({ ...grant, nodeId }, (reason) => {
          this.logger.warn(
            { nodeId, orgId: grant.orgId, groupId: grant.groupId, reason: reason.message },
            'watch stream ended by the bridge',
          );
          watching.stop();
          subscriber.error(reason);
        });
        session = watching;
        this.logger.info({ nodeId, orgId: grant.orgId, groupId: grant.groupId, cursor }, 'node watches');
        try {
          await watching.run(cursor, (message) => {
            this.metrics.sent(message);
            subscriber.next(message);
          });
        } finally {
          lease.close();
        }
      };
      // Errors go out raw: the exception filter maps them to gRPC statuses for streams too.
      run().then(
        () => subscriber.complete(),
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        cancelled = true;
        session?.stop();
        // The node is gone: its place is free now, not when a slow read returns.
        lease?.close();
      };
    });
  }

  async getKey(request: GetKeyRequest, metadata?: Metadata): Promise<GetKeyResponse> {
    try {
      const grant = await this.authenticator.authenticate(nodeTokenFrom(metadata));
      const found = await this.calls.getKey(grant, request);
      this.metrics.keyLookup('found');
      return found;
    } catch (error) {
      this.metrics.keyLookup(error instanceof NotFoundError ? 'not_found' : 'refused');
      throw error;
    }
  }

  async reportStatus(request: ReportStatusRequest, metadata?: Metadata): Promise<ReportStatusResponse> {
    const grant = await this.authenticator.authenticate(nodeTokenFrom(metadata));
    return this.calls.reportStatus(grant, request);
  }

  reportAnalytics(
    requests: Observable<ReportAnalyticsRequest>,
    metadata?: Metadata,
  ): Observable<ReportAnalyticsResponse> {
    return from(this.authenticator.authenticate(nodeTokenFrom(metadata))).pipe(
      switchMap((grant) => requests.pipe(concatMap((batch) => this.calls.storeAnalytics(grant, batch)))),
      tap((ack) => this.metrics.analyticsBatch(ack.duplicate ? 'duplicate' : 'stored')),
    );
  }
}
