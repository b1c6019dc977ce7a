import { createHttpApp, ErrorBody, HttpsListener, listen } from '@gatehouse/shared-app-runtime';
import { Redis, redisProbe } from '@gatehouse/shared-redis';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { Logger, Registry } from '@gatehouse/shared-observability';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { GatewayConfig } from './gateway.config';

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ControlAppOptions {
  config: GatewayConfig;
  logger: Logger;
  metricsRegistry: Registry;
  redis: Redis;
  module: DynamicModule;
  /** True: no port of its own; the proxy hands /tyk/, /hello, /health and /metrics to `onRouting`'s handler. */
  sharedPort: boolean;
  onRouting: (handler: RawHandler) => void;
  /** HTTPS on a port of its own, with the traffic port's certificates (`http_server_options.use_ssl`). */
  https?: HttpsListener;
}

interface TykApiError {
  status: 'error';
  message: string;
  /** Gatehouse's addition: the fields a 400 is about, so a client need not parse the message. */
  fields?: string[];
  /** Gatehouse's addition: why a body could not be read. */
  reason?: string;
}

/**
 * Tyk's error envelope for every answer of the Gateway API, framework errors included, worded as Tyk
 * words it: an unreadable body is `Request malformed`, and messages carry no field prefixes (the
 * fields travel beside them).
 */
function tykErrorBody(body: ErrorBody): TykApiError {
  if (body.error === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 'error', message: 'Request malformed', reason: body.message };
  }
  if (!body.issues) return { status: 'error', message: body.message };
  const message = body.summarised ? body.message : body.issues.map((issue) => issue.message).join('; ');
  const fields = body.issues.map((issue) => issue.path).filter(Boolean);
  return { status: 'error', message, ...(fields.length > 0 ? { fields } : {}) };
}

/**
 * The gateway's control surface (Gateway API, /hello, /health, /metrics) on NestJS + Fastify. It never
 * touches API traffic: on a shared port the proxy dispatches only the reserved paths to it.
 */
export async function createControlApp(
  options: ControlAppOptions,
): Promise<{ app: NestFastifyApplication; url?: string }> {
  const app = await createHttpApp({
    logger: options.logger,
    component: { name: 'gateway', version: GATEHOUSE_VERSION },
    registry: options.metricsRegistry,
    probes: [redisProbe(options.redis)],
    imports: [options.module],
    errorFormat: tykErrorBody,
    anyContentTypeAsJson: true,
    // Tyk's token revocation routes read form fields (r.PostFormValue); the rest of the API reads JSON.
    formBodyPaths: /^\/tyk\/oauth\/revoke(_all)?\/?(\?|$)/,
    bodyLimit: options.config.control_body_limit,
    https: options.sharedPort ? undefined : options.https,
  });
  if (options.sharedPort) {
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    options.onRouting((req, res) => fastify.routing(req, res));
    return { app };
  }
  const host = options.config.control_api_hostname || '0.0.0.0';
  const https = options.https !== undefined;
  return { app, url: await listen(app, host, options.config.control_api_port, https) };
}
