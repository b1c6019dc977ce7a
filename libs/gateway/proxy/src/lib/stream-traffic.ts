import type { RequestContext, StageResult } from '@gatehouse/gateway-core';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Where requests to a stream API's paths go once the API's stages passed (the gateway's streams):
 * publishing, Server-Sent Events, long polls and WebSocket handshakes. Each answers false for a path
 * no stream serves, which the proxy then forwards (HTTP) or refuses (a WebSocket); a handshake may
 * also be refused with a status and message.
 */
/** Taken (true), not a stream path (false), or refused. */
export type StreamUpgrade = boolean | { status: number; message: string };

export interface StreamTraffic {
  serve(ctx: RequestContext, res: ServerResponse): boolean;
  /** `recheck` runs the API's stages again, for each message a WebSocket publisher sends. */
  upgrade(
    ctx: RequestContext,
    socket: Duplex,
    head: Buffer,
    recheck: () => StageResult | Promise<StageResult>,
  ): StreamUpgrade | Promise<StreamUpgrade>;
}
