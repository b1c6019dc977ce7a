import * as grpc from '@grpc/grpc-js';

import { BridgeServiceClient } from '../generated/client/gatehouse/bridge/v1/bridge';
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
import { NODE_TOKEN_METADATA_KEY } from './bridge-proto';
import type { GrpcClientTls } from './grpc-tls';

type Callback<T> = (error: grpc.ServiceError | null, response: T) => void;

export interface BridgeClientOptions {
  /** Deadline of unary calls. */
  callTimeoutMs?: number;
  /** TLS (see grpcClientTls); plaintext when absent, which only tests and explicit opt-ins use. */
  tls?: Pick<GrpcClientTls, 'credentials' | 'channelOptions'>;
}

/**
 * The generated gatehouse.bridge.v1.BridgeService client, sending the node token with every call.
 * Keep-alives detect a dead link on idle streams; unary calls have deadlines.
 */
export class BridgeClient {
  private readonly generated: BridgeServiceClient;
  private readonly callTimeoutMs: number;

  constructor(
    readonly address: string,
    private readonly nodeToken: string,
    options: BridgeClientOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? 5000;
    const credentials = options.tls?.credentials ?? grpc.credentials.createInsecure();
    this.generated = new BridgeServiceClient(address, credentials, {
      ...options.tls?.channelOptions,
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 5000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2000,
    });
  }

  handshake(request: HandshakeRequest): Promise<HandshakeResponse> {
    return this.unary<HandshakeResponse>((metadata, options, cb) =>
      this.generated.handshake(request, metadata, options, cb),
    );
  }

  getKey(request: GetKeyRequest): Promise<GetKeyResponse> {
    return this.unary<GetKeyResponse>((metadata, options, cb) =>
      this.generated.getKey(request, metadata, options, cb),
    );
  }

  reportStatus(request: ReportStatusRequest): Promise<ReportStatusResponse> {
    return this.unary<ReportStatusResponse>((metadata, options, cb) =>
      this.generated.reportStatus(request, metadata, options, cb),
    );
  }

  watch(request: WatchRequest): grpc.ClientReadableStream<WatchResponse> {
    return this.generated.watch(request, this.metadata());
  }

  reportAnalytics(): grpc.ClientDuplexStream<ReportAnalyticsRequest, ReportAnalyticsResponse> {
    return this.generated.reportAnalytics(this.metadata());
  }

  close(): void {
    this.generated.close();
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    metadata.set(NODE_TOKEN_METADATA_KEY, this.nodeToken);
    return metadata;
  }

  private unary<T>(
    call: (metadata: grpc.Metadata, options: Partial<grpc.CallOptions>, cb: Callback<T>) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) =>
      call(this.metadata(), { deadline: Date.now() + this.callTimeoutMs }, (error, response) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }
}

export { status as GrpcStatus } from '@grpc/grpc-js';
export type { ServiceError as GrpcServiceError } from '@grpc/grpc-js';
