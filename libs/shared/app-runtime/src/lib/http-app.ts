import { Logger, REQUEST_ID_HEADER, requestIdFrom } from '@gatehouse/shared-observability';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';

import { invalidJson } from './body-errors';
import { malformedForm, parseFormBody } from './form-body';
import { DomainErrorFilter, ErrorBody } from './domain-error.filter';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from './json-nesting';
import type { Server as TlsServer } from 'node:tls';

import type { HttpsListener } from './https-listener';
import { PinoNestLogger } from './pino-nest-logger';
import { RuntimeModule, RuntimeModuleOptions } from './runtime.module';

/** One line per request (on completion, with status and time) instead of Fastify's two. */
class CompletionOnlyLogController extends LogController {
  override incomingRequest(): void {
    // The completion line carries everything the incoming line would.
  }
}

export interface HttpAppOptions extends RuntimeModuleOptions {
  logger: Logger;
  /** The app's own modules (controllers, providers); health and metrics are mounted for every app. */
  imports?: DynamicModule[];
  /** Largest request body accepted, in bytes; larger bodies get 413 before any handler runs. */
  bodyLimit?: number;
  /** Read every body as JSON whatever its Content-Type (Tyk's API does; `curl -d` sends a form type). */
  anyContentTypeAsJson?: boolean;
  /**
   * With anyContentTypeAsJson: paths whose `application/x-www-form-urlencoded` bodies are read as forms
   * (Tyk's OAuth revoke routes take them); every other path still reads such a body as JSON.
   */
  formBodyPaths?: RegExp;
  /** Shapes error bodies on the wire; the default is {@link ErrorBody}. */
  errorFormat?: (body: ErrorBody) => unknown;
  /** Serve HTTPS (see httpsListener); plain HTTP without it. */
  https?: HttpsListener;
}

@Module({})
class HttpRootModule {}

/**
 * Headers every answer carries: answers hold keys, tokens and tenants' data, so no cache keeps them
 * (unless a route says otherwise), browsers never sniff them, and over HTTPS they stick to it (HSTS).
 */
function secureHeaders(reply: FastifyReply, https: boolean): void {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  reply.header('x-content-type-options', 'nosniff');
  if (https) reply.header('strict-transport-security', 'max-age=31536000');
}

/** Shaped like Fastify's own body errors, so the error filter answers it as a 400 with this message. */
function tooDeep(): Error {
  return Object.assign(new Error(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`), {
    statusCode: 400,
    code: 'JSON_TOO_DEEP',
  });
}

/**
 * Many clients (curl scripts written for Tyk among them) send `Content-Type: application/json` with an
 * empty body on DELETE and GET. That is no body, not an error; malformed JSON is still a 400.
 */
function registerJsonParser(adapter: FastifyAdapter, anyContentType: boolean, formPaths?: RegExp): void {
  const fastify = adapter.getInstance();
  // Fastify's own parser, with its prototype-poisoning protection, for every non-empty body.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  if (anyContentType) fastify.removeAllContentTypeParsers();
  else fastify.removeContentTypeParser('application/json');
  const contentTypes = anyContentType ? ['application/json', '*'] : ['application/json'];
  const jsonBody = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ): void => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    // Refused before parsing: everything recursive after the parser would overflow the stack (a 500).
    if (jsonNestingExceeds(text, MAX_JSON_DEPTH)) {
      done(tooDeep(), undefined);
      return;
    }
    parseJson(request, text, (error, value) => done(error ? invalidJson(text) : null, value));
  };
  fastify.addContentTypeParser(contentTypes, { parseAs: 'string' }, jsonBody);
  if (!anyContentType || !formPaths) return;
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!formPaths.test(request.url)) return jsonBody(request, body, done);
      const fields = parseFormBody(typeof body === 'string' ? body : body.toString('utf8'));
      done(fields ? null : malformedForm(), fields);
    },
  );
}

/**
 * A Nest application on Fastify with `/health` and `/metrics` over the given probes and registry, whose
 * every log line carries the request id (taken from a sane `x-request-id` header or minted) and which
 * echoes that id back, so callers can quote it.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const root: DynamicModule = {
    module: HttpRootModule,
    imports: [
      RuntimeModule.forRoot({
        component: options.component,
        registry: options.registry,
        probes: options.probes,
      }),
      ...(options.imports ?? []),
    ],
  };
  const adapter = new FastifyAdapter({
    ...(options.https ? { https: options.https.options } : {}),
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    // Tyk keys travel in paths (`/tyk/keys/{key}`) and a dashboard key is 128 characters: Fastify's
    // default of 100 refused them with a 400.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(request.headers[REQUEST_ID_HEADER]),
    logController: new CompletionOnlyLogController(),
    // Malformed URLs are refused by Fastify before any route; answer them in the app's error format too.
    frameworkErrors: (error: { code: string; message: string }, _request: unknown, reply: FastifyReply) => {
      const body: ErrorBody = { statusCode: 400, error: error.code, message: error.message };
      void reply.status(400).send(options.errorFormat ? options.errorFormat(body) : body);
    },
  });
  registerJsonParser(adapter, options.anyContentTypeAsJson ?? false, options.formBodyPaths);
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    secureHeaders(reply, options.https !== undefined);
  });
  if (options.https) {
    // Fastify made an https.Server from the `https` option above.
    const server = adapter.getInstance().server as unknown as TlsServer;
    options.https.onChanged((context) => server.setSecureContext(context));
  }
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    // Our JSON parser is registered above; Nest's would replace it.
    bodyParser: false,
  });
  app.useGlobalFilters(new DomainErrorFilter(options.errorFormat));
  return app;
}

/**
 * Listens and returns the bound URL (useful when the configured port is 0); `https` when the app was
 * created with it (Nest's getUrl says http for Fastify's https servers).
 */
export async function listen(
  app: INestApplication,
  host: string,
  port: number,
  https = false,
): Promise<string> {
  await app.listen(port, host);
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1').replace(/^http:/, https ? 'https:' : 'http:');
}
