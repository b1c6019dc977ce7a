import { createMetricsRegistry } from '@gatehouse/shared-observability';
import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';

import { createHttpApp } from './http-app';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): unknown {
    return { body: body ?? null };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function startApp(anyContentTypeAsJson: boolean): Promise<NestFastifyApplication> {
  const app = await createHttpApp({
    logger: pino({ level: 'silent' }),
    component: { name: 'test', version: '0.0.0' },
    registry: createMetricsRegistry('test'),
    probes: [],
    imports: [{ module: EchoModule }],
    anyContentTypeAsJson,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function post(app: NestFastifyApplication, contentType: string | undefined, payload: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    payload,
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

/** Request bodies: every error says what was wrong with the body and what to send instead. */
describe(createHttpApp.name, () => {
  describe('JSON bodies only (the dashboard, bridge and pump)', () => {
    let sut: NestFastifyApplication;
    beforeAll(async () => (sut = await startApp(false)));
    afterAll(async () => sut?.close());

    it('parses a JSON body', async () => {
      expect(await post(sut, 'application/json', '{"a":1}')).toEqual({
        status: 201,
        body: { body: { a: 1 } },
      });
    });

    it('answers another content type with 415 naming it and the one to send', async () => {
      const { status, body } = await post(sut, 'application/x-www-form-urlencoded', 'a=1');
      expect(status).toBe(415);
      expect(body['message']).toBe(
        "content-type 'application/x-www-form-urlencoded' is not supported: send the body as application/json",
      );
    });

    it('answers a body without a content type with 415 saying which to use', async () => {
      const { status, body } = await post(sut, undefined, '{"a":1}');
      expect(status).toBe(415);
      expect(body['message']).toBe('the body has no content-type: send it as application/json');
    });

    it('answers a malformed content type with 415 saying which to use', async () => {
      const { status, body } = await post(sut, 'json', '{"a":1}');
      expect(status).toBe(415);
      expect(body['message']).toBe("content-type 'json' is not supported: send the body as application/json");
    });

    it('answers malformed JSON with 400 and the reason', async () => {
      const { status, body } = await post(sut, 'application/json', '{"a":');
      expect(status).toBe(400);
      expect(body['message']).toMatch(/^the body is not valid JSON: /);
    });
  });

  describe('every body read as JSON (the gateway, like Tyk)', () => {
    let sut: NestFastifyApplication;
    beforeAll(async () => (sut = await startApp(true)));
    afterAll(async () => sut?.close());

    it('parses JSON sent with a form content type (curl -d)', async () => {
      expect(await post(sut, 'application/x-www-form-urlencoded', '{"a":1}')).toEqual({
        status: 201,
        body: { body: { a: 1 } },
      });
    });

    it('refuses prototype poisoning with 400 saying so', async () => {
      const { status, body } = await post(sut, 'application/json', '{"__proto__":{"admin":true}}');
      expect(status).toBe(400);
      expect(body['message']).toBe('the body is not valid JSON: it sets __proto__ or constructor.prototype');
    });

    it('answers a form body with 400 that does not claim the content type was JSON', async () => {
      const { status, body } = await post(sut, 'application/x-www-form-urlencoded', 'a=1&b=2');
      expect(status).toBe(400);
      expect(body['message']).toMatch(/^the body is not valid JSON: /);
      expect(body['message']).not.toContain("content-type is set to 'application/json'");
    });
  });
});
