import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

import type {
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
} from '../generated/gatehouse/bridge/v1/bridge';
import { bridgeProtoPath, GRPC_LOADER_OPTIONS, NODE_TOKEN_METADATA_KEY } from './bridge-proto';

type Callback<T> = (error: grpc.ServiceError | null, response?: T) => void;

interface RawBridgeClient extends grpc.Client {
  handshake(
    request: HandshakeRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    cb: Callback<HandshakeResponse>,
  ): void;
  getKey(
    request: GetKeyRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    cb: Callback<GetKeyResponse>,
  ): void;
  reportStatus(
    request: ReportStatusRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    cb: Callback<ReportStatusResponse>,
  ): void;
  watch(request: WatchRequest, metadata: grpc.Metadata): grpc.ClientReadableStream<WatchResponse>;
  reportAnalytics(
    metadata: grpc.Metadata,
  ): grpc.ClientDuplexStream<ReportAnalyticsRequest, ReportAnalyticsResponse>;
}

let serviceConstructor: grpc.ServiceClientConstructor | undefined;

function bridgeService(): grpc.ServiceClientConstructor {
  if (!serviceConstructor) {
    const definition = grpc.loadPackageDefinition(loadSync(bridgeProtoPath(), GRPC_LOADER_OPTIONS));
    const v1 = ((definition['gatehouse'] as grpc.GrpcObject)['bridge'] as grpc.GrpcObject)[
      'v1'
    ] as grpc.GrpcObject;
    serviceConstructor = v1['BridgeService'] as grpc.ServiceClientConstructor;
  }
  return serviceConstructor;
}

export interface BridgeClientOptions {
  /** Deadline of unary calls. */
  callTimeoutMs?: number;
}

/**
 * A typed client of gatehouse.bridge.v1.BridgeService that sends the node token with every call.
 * Keep-alives detect a dead link on idle streams; unary calls have deadlines.
 */
export class BridgeClient {
  private readonly raw: RawBridgeClient;
  private readonly callTimeoutMs: number;

  constructor(
    readonly address: string,
    private readonly nodeToken: string,
    options: BridgeClientOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 5000;
    this.raw = new (bridgeService())(address, grpc.credentials.createInsecure(), {
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 5000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2000,
    }) as unknown as RawBridgeClient;
  }

  handshake(request: HandshakeRequest): Promise<HandshakeResponse> {
    return this.unary((metadata, options, cb) => this.raw.handshake(request, metadata, options, cb));
  }

  getKey(request: GetKeyRequest): Promise<GetKeyResponse> {
    return this.unary((metadata, options, cb) => this.raw.getKey(request, metadata, options, cb));
  }

  reportStatus(request: ReportStatusRequest): Promise<ReportStatusResponse> {
    return this.unary((metadata, options, cb) => this.raw.reportStatus(request, metadata, options, cb));
  }

  watch(request: WatchRequest): grpc.ClientReadableStream<WatchResponse> {
    return this.raw.watch(request, this.metadata());
  }

  reportAnalytics(): grpc.ClientDuplexStream<ReportAnalyticsRequest, ReportAnalyticsResponse> {
    return this.raw.reportAnalytics(this.metadata());
  }

  close(): void {
    this.raw.close();
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    metadata.set(NODE_TOKEN_METADATA_KEY, this.nodeToken);
    return metadata;
  }

  private unary<T>(
    call: (metadata: grpc.Metadata, options: grpc.CallOptions, cb: Callback<T>) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) =>
      call(this.metadata(), { deadline: Date.now() + this.callTimeoutMs }, (error, response) =>
        error || !response ? reject(error ?? new Error('empty response')) : resolve(response),
      ),
    );
  }
}

export { status as GrpcStatus } from '@grpc/grpc-js';
export type { ServiceError as GrpcServiceError } from '@grpc/grpc-js';
