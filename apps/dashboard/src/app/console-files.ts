import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's page may run only the console's own scripts and talk only to this origin. Styles allow
 * inline attributes because the component and chart libraries position popovers and plots with them.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Names the setting when the folder is not a built console, so a wrong path fails at start, not at `/`. */
export function consoleProblem(dir: string): string | undefined {
  return existsSync(join(dir, 'index.html'))
    ? undefined
    : `console.dir: ${dir} holds no index.html (build it with \`npx nx build console\`)`;
}

/**
 * Serves the built console at `/`: hashed assets cached for a year, every other path that is not the API
 * answered with index.html so deep links work (the console routes in the browser).
 */
export async function serveConsole(
  app: NestFastifyApplication,
  dir: string,
  apiPrefix: string,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const assets = join(dir, 'assets');
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // One route per built file, found once at start; the catch-all below owns every other path.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header(
        'cache-control',
        path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.get('/*', (request, reply) => {
    // Unknown API paths keep the API's JSON 404, through Nest's not-found handler. So do missing assets: a
    // page loaded before a deploy asking for a chunk that is gone must fail to load it, not get index.html.
    const path = request.url.split('?')[0];
    if (path.startsWith(`/${apiPrefix}/`) || path === `/${apiPrefix}` || path.startsWith('/assets/')) {
      return reply.callNotFound();
    }
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .sendFile('index.html');
  });
}
