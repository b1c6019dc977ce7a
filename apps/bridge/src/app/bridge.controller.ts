import { HandshakeService, NodeAuthenticator } from '@gatehouse/bridge-sessions';
import {
  ChangeLogReader,
  ChangeSignals,
  NodeCallsService,
  WatchOptions,
  watchRequestSchema,
  WatchSession,
} from '@gatehouse/bridge-sync';
import { DomainError, NotFoundError, parseOrThrow } from '@gatehouse/shared-model';
import {
  BridgeServiceController,
  BridgeServiceControllerMethods,
  GetKeyRequest,
  GetKeyResponse,
  HandshakeRequest,
  HandshakeResponse,
  NODE_TOKEN_METADATA_KEY,
  ReportAnalyticsRequest,
  ReportAnalyticsResponse,
  ReportStatusRequest,
  ReportStatusResponse,
  WatchRequest,
  WatchResponse,
} from '@gatehouse/shared-proto';
import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, Logger, UseFilters } from '@nestjs/common';
import { concatMap, from, Observable, switchMap, tap } from 'rxjs';

import type { BridgeMetrics } from './bridge-metrics';
import { GrpcErrorFilter } from './grpc-error.filter';

function nodeTokenFrom(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get(NODE_TOKEN_METADATA_KEY)[0];
  return typeof value === 'string' ? value : value?.toString('utf8');
}

export const WATCH_DEPENDENCIES = Symbol('WATCH_DEPENDENCIES');
export const BRIDGE_METRICS = Symbol('BRIDGE_METRICS');

export interface WatchDependencies {
  log: ChangeLogReader;
  signals: ChangeSignals;
  options: WatchOptions;
}

/** gRPC transport for gatehouse.bridge.v1.BridgeService; logic lives in the bridge libs. */
@Controller()
@UseFilters(GrpcErrorFilter)
@BridgeServiceControllerMethods()
export class BridgeController implements BridgeServiceController {
  private readonly logger = new Logger('BridgeController');

  constructor(
    @Inject(HandshakeService) private readonly handshakes: HandshakeService,
    @Inject(NodeAuthenticator) private readonly authenticator: NodeAuthenticator,
    @Inject(NodeCallsService) private readonly calls: NodeCallsService,
    @Inject(WATCH_DEPENDENCIES) private readonly watchDeps: WatchDependencies,
    @Inject(BRIDGE_METRICS) private readonly metrics: BridgeMetrics,
  ) {}

  async handshake(request: HandshakeRequest, metadata?: Metadata): Promise<HandshakeResponse> {
    const session = await this.handshakes.open(nodeTokenFrom(metadata), request);
    this.logger.log(
      `node ${session.nodeId} of ${session.orgId}/${session.groupId} opened session ${session.sessionId}`,
    );
    return {
      sessionId: session.sessionId,
      orgId: session.orgId,
      groupId: session.groupId,
      tags: session.tags,
      serverTimeMs: session.serverTimeMs,
      bridgeVersion: session.bridgeVersion,
    };
  }

  watch(request: WatchRequest, metadata?: Metadata): Observable<WatchResponse> {
    const token = nodeTokenFrom(metadata);
    return new Observable<WatchResponse>((subscriber) => {
      let session: WatchSession | undefined;
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
        const { log, signals, options } = this.watchDeps;
        session = new WatchSession(grant, log, signals, recheck, options);
        this.logger.log(`node ${nodeId} of ${grant.orgId}/${grant.groupId} watches from ${cursor}`);
        this.metrics.watchOpened();
        try {
          await session.run(cursor, (message) => {
            this.metrics.sent(message);
            subscriber.next(message);
          });
        } finally {
          this.metrics.watchClosed();
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
