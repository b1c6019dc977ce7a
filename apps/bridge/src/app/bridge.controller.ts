import { HandshakeService } from '@gatehouse/bridge-sessions';
import {
  BridgeServiceController,
  BridgeServiceControllerMethods,
  HandshakeRequest,
  HandshakeResponse,
  NODE_TOKEN_METADATA_KEY,
} from '@gatehouse/shared-proto';
import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, Logger, UseFilters } from '@nestjs/common';

import { GrpcErrorFilter } from './grpc-error.filter';

function nodeTokenFrom(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get(NODE_TOKEN_METADATA_KEY)[0];
  return typeof value === 'string' ? value : value?.toString('utf8');
}

/** gRPC transport for gatehouse.bridge.v1.BridgeService; logic lives in the bridge libs. */
@Controller()
@UseFilters(GrpcErrorFilter)
@BridgeServiceControllerMethods()
export class BridgeController implements BridgeServiceController {
  private readonly logger = new Logger('BridgeController');

  constructor(@Inject(HandshakeService) private readonly handshakes: HandshakeService) {}

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
}
