import { connectRedis } from '@gatehouse/shared-redis';
import { SseClient, stackService, uniqueName, waitFor, WsClient } from '@gatehouse/shared-testing';

import { createKey, Harness, startHarness, TEST_SECRET } from './gateway.spec-helper';
import { streamApi } from './streams.spec-helper';

const httpStream = (extra: Record<string, unknown> = {}) => ({
  orders: {
    input: { http_server: { path: '/publish' } },
    output: { http_server: { stream_path: '/sse', ws_path: '/ws', path: '/poll', timeout: '2s' } },
    ...extra,
  },
});

async function publish(gateway: Harness, apiId: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.gateway.proxyUrl}/${apiId}/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: string } };
}

const wsUrl = (gateway: Harness, path: string) => `${gateway.gateway.proxyUrl.replace('http', 'ws')}${path}`;

describe('streams over HTTP: two gateways of one region on one Redis', () => {
  const apiId = 'orders-stream';
  const short = 'short-retention';
  const limited = 'two-per-key';
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    const region = { redis_key_prefix: `${uniqueName('region')}:` };
    const apis = (upstream: string) => [
      ...streamApi(apiId, httpStream())(upstream),
      ...streamApi(short, httpStream({ 'x-gatehouse': { retention: { max_messages: 10 } } }))(upstream),
      ...streamApi(limited, httpStream({ 'x-gatehouse': { max_connections_per_key: 2 } }))(upstream),
    ];
    a = await startHarness(apis, region);
    b = await startHarness(apis, region);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('delivers every message published on either node to SSE and WebSocket consumers on both, once each and in order', async () => {
    const sseOnB = new SseClient(`${b.gateway.proxyUrl}/${apiId}/sse`);
    const wsOnA = new WsClient(wsUrl(a, `/${apiId}/ws`));
    await sseOnB.ready;
    await wsOnA.opened;
    expect(sseOnB.status).toBe(200);
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) {
      const answer = await publish(n % 2 === 0 ? a : b, apiId, { n });
      expect(answer.status).toBe(200);
      ids.push(answer.body.id!);
    }
    const expected = Array.from({ length: 20 }, (_, n) => JSON.stringify({ n }));
    await waitFor(() => sseOnB.data().length >= 20 && wsOnA.frames.length >= 20, {
      description: `20 messages on each consumer (SSE ${sseOnB.data().length}, WS ${wsOnA.frames.length})`,
    });
    expect(sseOnB.data()).toEqual(expected);
    expect(sseOnB.events.map((event) => event.id)).toEqual(ids);
    expect(wsOnA.frames).toEqual(expected);
    sseOnB.close();
    wsOnA.close();
  });

  it('resumes an SSE consumer on the other node from Last-Event-ID, missing nothing and repeating nothing', async () => {
    const first = new SseClient(`${a.gateway.proxyUrl}/${apiId}/sse`);
    await first.ready;
    for (let n = 0; n < 3; n++) await publish(a, apiId, { resume: n });
    await waitFor(() => first.data().length === 3, { description: 'the first three messages' });
    first.close();
    const lastSeen = first.events[2].id!;
    for (let n = 3; n < 6; n++) await publish(a, apiId, { resume: n });
    const resumed = new SseClient(`${b.gateway.proxyUrl}/${apiId}/sse`, { 'last-event-id': lastSeen });
    await waitFor(() => resumed.data().length >= 3, { description: 'the three missed messages' });
    await publish(b, apiId, { resume: 6 });
    await waitFor(() => resumed.data().length >= 4, { description: 'the live message after the backlog' });
    expect(resumed.data()).toEqual([3, 4, 5, 6].map((n) => JSON.stringify({ resume: n })));
    resumed.close();
  });

  it('resumes a WebSocket consumer with last_event_id, in envelopes that carry each id', async () => {
    const { body } = await publish(a, apiId, { ws: 0 });
    await publish(a, apiId, { ws: 1 });
    const ws = new WsClient(wsUrl(b, `/${apiId}/ws?last_event_id=${body.id}`));
    await waitFor(() => ws.frames.length >= 1, { description: 'the message after the resume id' });
    const frame = JSON.parse(ws.frames[0]) as { id: string; data: string };
    expect(frame.data).toBe(JSON.stringify({ ws: 1 }));
    expect(frame.id > body.id!).toBe(true);
    ws.close();
  });

  it('answers a long poll with the next message after the id it names, and 204 when none comes in time', async () => {
    const { body } = await publish(b, apiId, { poll: 1 });
    await publish(b, apiId, { poll: 2 });
    const next = await fetch(`${a.gateway.proxyUrl}/${apiId}/poll?after=${body.id}`);
    expect(next.status).toBe(200);
    expect(await next.text()).toBe(JSON.stringify({ poll: 2 }));
    const lastId = next.headers.get('x-gatehouse-message-id')!;
    const none = await fetch(`${a.gateway.proxyUrl}/${apiId}/poll?after=${lastId}`);
    expect(none.status).toBe(204);
  });

  it('tells a consumer whose resume id is older than retention, then continues from the oldest kept', async () => {
    const first = await publish(a, short, { old: true });
    // Retention keeps about 10 messages (trimming is approximate): 300 more surely trim the first.
    for (let n = 0; n < 300; n++) await publish(n % 2 ? a : b, short, { n });
    const resumed = new SseClient(`${b.gateway.proxyUrl}/${short}/sse`, { 'last-event-id': first.body.id! });
    await waitFor(() => resumed.data().length > 0, { description: 'the oldest kept messages' });
    expect(resumed.events[0].event).toBe('truncated');
    expect(JSON.parse(resumed.events[0].data)).toEqual(
      expect.objectContaining({ oldest_id: expect.any(String) }),
    );
    expect(resumed.data().length).toBeLessThan(300);
    resumed.close();
  });

  it('limits connections per key across the region, and gives a place back when a connection ends', async () => {
    const onA = new SseClient(`${a.gateway.proxyUrl}/${limited}/sse`);
    const onB = new WsClient(wsUrl(b, `/${limited}/ws`));
    await onA.ready;
    await onB.opened;
    const third = await fetch(`${a.gateway.proxyUrl}/${limited}/sse`);
    expect(third.status).toBe(429);
    const thirdWs = new WsClient(wsUrl(b, `/${limited}/ws`));
    await expect(thirdWs.opened).rejects.toThrow('handshake refused with 429');
    onB.close();
    await onB.closed;
    const again = await waitFor(
      async () => {
        const retry = new SseClient(`${a.gateway.proxyUrl}/${limited}/sse`);
        await retry.ready;
        if (retry.status === 200) return retry;
        retry.close();
        return undefined;
      },
      { description: 'the place the closed connection held' },
    );
    again.close();
    onA.close();
  });

  it('refuses a resume id that is not a message id, naming the parameter', async () => {
    const response = await fetch(`${a.gateway.proxyUrl}/${apiId}/sse`, {
      headers: { 'last-event-id': '0; DROP' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('Last-Event-ID');
  });
});

describe('shared delivery: each message to one consumer of the region', () => {
  const apiId = 'work-queue';
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    const region = { redis_key_prefix: `${uniqueName('region')}:` };
    const api = streamApi(apiId, httpStream({ 'x-gatehouse': { delivery: 'shared' } }));
    a = await startHarness(api, region);
    b = await startHarness(api, region);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('hands each message to exactly one of the consumers connected across both nodes', async () => {
    const consumers = [
      new SseClient(`${a.gateway.proxyUrl}/${apiId}/sse`),
      new SseClient(`${b.gateway.proxyUrl}/${apiId}/sse`),
      new SseClient(`${b.gateway.proxyUrl}/${apiId}/sse`),
    ];
    const ws = new WsClient(wsUrl(a, `/${apiId}/ws`));
    await Promise.all([...consumers.map((consumer) => consumer.ready), ws.opened]);
    for (let n = 0; n < 40; n++) expect((await publish(n % 2 ? a : b, apiId, { n })).status).toBe(200);
    const received = () => [...consumers.flatMap((consumer) => consumer.data()), ...ws.frames];
    await waitFor(() => received().length >= 40, {
      description: `40 messages in all (${received().length})`,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const numbers = received().map((body) => (JSON.parse(body) as { n: number }).n);
    expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    const counts = [...consumers.map((consumer) => consumer.data().length), ws.frames.length];
    expect(counts.every((count) => count > 0)).toBe(true);
    consumers.forEach((consumer) => consumer.close());
    ws.close();
  });
});

describe('streams behind authentication and limits', () => {
  const apiId = 'secured-stream';
  let gateway: Harness;

  beforeAll(async () => {
    gateway = await startHarness(
      streamApi(apiId, httpStream({ 'x-gatehouse': { max_connections_per_key: 2 } }), { auth: true }),
    );
  });

  afterAll(() => gateway?.stop());

  it('refuses publishing and consuming without a key, over HTTP and in the WebSocket handshake', async () => {
    expect((await publish(gateway, apiId, { n: 1 })).status).toBe(401);
    expect((await fetch(`${gateway.gateway.proxyUrl}/${apiId}/sse`)).status).toBe(401);
    const ws = new WsClient(wsUrl(gateway, `/${apiId}/ws`));
    await expect(ws.opened).rejects.toThrow('handshake refused with 401');
  });

  it('limits concurrent connections per key and counts published messages against the quota', async () => {
    const key = await createKey(gateway, {
      access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } },
      quota_max: 3,
      quota_renewal_rate: 3600,
    });
    const auth = { authorization: key };
    const first = new SseClient(`${gateway.gateway.proxyUrl}/${apiId}/sse`, auth);
    const second = new WsClient(wsUrl(gateway, `/${apiId}/ws`), auth);
    await first.ready;
    await second.opened;
    const third = await fetch(`${gateway.gateway.proxyUrl}/${apiId}/sse`, { headers: auth });
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toContain('at most 2');
    first.close();
    second.close();
    await first.done;
    await second.closed;
    // Connecting took three of the quota's requests; the next publish is over it.
    expect((await publish(gateway, apiId, { n: 1 }, auth)).status).toBe(403);
  });
});

describe('publishing over a WebSocket', () => {
  const apiId = 'ws-publish';
  let gateway: Harness;

  beforeAll(async () => {
    gateway = await startHarness(
      streamApi(apiId, httpStream({ 'x-gatehouse': { max_connections_per_key: 2 } }), { auth: true }),
    );
  });

  afterAll(() => gateway?.stop());

  it('appends each frame as a message, and counts every message against the rate limit, not only the connection', async () => {
    const rights = { access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } } };
    const consumerKey = await createKey(gateway, rights);
    const publisherKey = await createKey(gateway, { ...rights, rate: 3, per: 60 });
    const consumer = new SseClient(`${gateway.gateway.proxyUrl}/${apiId}/sse`, {
      authorization: consumerKey,
    });
    await consumer.ready;
    // The handshake is one request; each of the three frames after it is one more.
    const publisher = new WsClient(wsUrl(gateway, `/${apiId}/post/ws`), { authorization: publisherKey });
    await publisher.opened;
    for (const n of [1, 2, 3]) publisher.socket.send(JSON.stringify({ n }));
    await waitFor(() => consumer.data().length === 2 && publisher.frames.length === 1, {
      description: `two messages through and one refused (consumer ${consumer.data().length}, refusals ${publisher.frames.length})`,
    });
    expect(consumer.data()).toEqual([JSON.stringify({ n: 1 }), JSON.stringify({ n: 2 })]);
    expect(JSON.parse(publisher.frames[0])).toEqual({ error: 'Rate Limit Exceeded', status: 429 });
    expect(publisher.closeCode).toBeUndefined();
    publisher.close();
    consumer.close();
  });

  const rights = { access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } } };

  it("counts publishers against the key's connection limit too", async () => {
    const key = await createKey(gateway, rights);
    const first = new WsClient(wsUrl(gateway, `/${apiId}/post/ws`), { authorization: key });
    const second = new WsClient(wsUrl(gateway, `/${apiId}/post/ws`), { authorization: key });
    await Promise.all([first.opened, second.opened]);
    const third = new WsClient(wsUrl(gateway, `/${apiId}/post/ws`), { authorization: key });
    await expect(third.opened).rejects.toThrow('handshake refused with 429');
    first.close();
    second.close();
  });

  it('closes a publisher that floods faster than its messages are appended, holding little for it', async () => {
    const key = await createKey(gateway, { ...rights, rate: 100_000, per: 1 });
    const flooder = new WsClient(wsUrl(gateway, `/${apiId}/post/ws`), { authorization: key });
    await flooder.opened;
    const frame = 'x'.repeat(200 * 1024);
    for (let n = 0; n < 200; n++) flooder.socket.send(frame);
    await flooder.closed;
    expect(flooder.closeCode).toBe(1008);
    expect(flooder.closeReason).toContain('slow down');
  });
});

describe('stream lifecycle and backpressure on one gateway', () => {
  let gateway: Harness;
  const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.gateway.proxyUrl}${path}`, init);
  const write = (document: unknown, method = 'POST', path = '/tyk/apis') =>
    call(path, { method, headers: { 'x-tyk-authorization': TEST_SECRET }, body: JSON.stringify(document) });

  beforeAll(async () => {
    const schema = { type: 'object', required: ['order_id'], properties: { order_id: { type: 'string' } } };
    gateway = await startHarness((upstream) => [
      ...streamApi(
        'first',
        httpStream({ pipeline: { processors: [{ json_schema: { schema } }] } }),
      )(upstream),
      ...streamApi('second', httpStream({ 'x-gatehouse': { consumer_buffer: 2 } }))(upstream),
    ]);
  });

  afterAll(() => gateway?.stop());

  it('refuses a published message that fails the json_schema processor, naming the field', async () => {
    const refused = await publish(gateway, 'first', { order: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('order_id');
    expect((await publish(gateway, 'first', { order_id: 'A1' })).status).toBe(200);
  });

  it("restarts only a changed API's stream: its consumers are told to reconnect, another API's keep receiving", async () => {
    const onFirst = new SseClient(`${gateway.gateway.proxyUrl}/first/sse`);
    const onSecond = new WsClient(wsUrl(gateway, '/second/ws'));
    await onFirst.ready;
    await onSecond.opened;
    const [changed] = streamApi('first', httpStream())(gateway.upstreamUrl);
    const updated = await write(changed, 'PUT', '/tyk/apis/oas/first');
    expect(updated.status).toBe(200);
    await waitFor(() => onFirst.events.some((event) => event.event === 'error'), {
      description: 'the first stream to tell its consumer it restarted',
    });
    expect(JSON.parse(onFirst.events.find((event) => event.event === 'error')!.data)).toEqual(
      expect.objectContaining({ reason: 'stream-stopped' }),
    );
    // The changed stream runs its new definition (no schema): anything is accepted now.
    await waitFor(async () => (await publish(gateway, 'first', { anything: true })).status === 200, {
      description: 'the new version of the stream',
    });
    await publish(gateway, 'second', { still: 'here' });
    await waitFor(() => onSecond.frames.length === 1, {
      description: "the other API's consumer to keep receiving",
    });
    expect(onSecond.closeCode).toBeUndefined();
    onSecond.close();
    const removed = await call('/tyk/apis/second', {
      method: 'DELETE',
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(removed.status).toBe(200);
    expect((await publish(gateway, 'second', { gone: true })).status).toBe(404);
  });

  it('cuts off a consumer that stops reading once its buffer is full, and counts the drop', async () => {
    const [restored] = streamApi(
      'second',
      httpStream({ 'x-gatehouse': { consumer_buffer: 2 } }),
    )(gateway.upstreamUrl);
    expect((await write(restored)).status).toBe(200);
    const slow = new WsClient(wsUrl(gateway, '/second/ws'));
    const fast = new SseClient(`${gateway.gateway.proxyUrl}/second/sse`);
    await waitFor(
      async () => {
        await slow.opened.catch(() => undefined);
        return slow.socket.readyState === slow.socket.OPEN;
      },
      { description: 'the slow consumer to connect' },
    );
    await fast.ready;
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const large = 'x'.repeat(512 * 1024);
    for (let n = 0; n < 24; n++) expect((await publish(gateway, 'second', { n, large })).status).toBe(200);
    await waitFor(() => fast.data().length === 24, {
      timeoutMs: 10_000,
      description: 'the fast consumer to get all',
    });
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toMatch(
      /gatehouse_gateway_stream_dropped_total\{stream="second\/orders",reason="slow_consumer"[^}]*\} 1/,
    );
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await slow.closed;
    expect(slow.frames.length).toBeLessThan(24);
    fast.close();
  });
});

describe('stream connections in analytics', () => {
  const apiId = 'recorded-stream';
  const prefix = `${uniqueName('analytics')}:`;
  let gateway: Harness;

  beforeAll(async () => {
    gateway = await startHarness(streamApi(apiId, httpStream()), {
      redis_key_prefix: prefix,
      enable_analytics: true,
      analytics_stream: { flush_interval_ms: 20 },
    });
  });

  afterAll(() => gateway?.stop());

  it('records each consumer connection when it ends, with the messages and bytes delivered on it', async () => {
    const ws = new WsClient(wsUrl(gateway, `/${apiId}/ws`));
    const sse = new SseClient(`${gateway.gateway.proxyUrl}/${apiId}/sse`);
    await ws.opened;
    await sse.ready;
    await publish(gateway, apiId, { n: 1 });
    await publish(gateway, apiId, { n: 22 });
    await waitFor(() => ws.frames.length === 2 && sse.data().length === 2, { description: 'both messages' });
    ws.close();
    sse.close();
    const redis = await connectRedis(
      { url: stackService('redis'), connectionName: 'streams-analytics', keyPrefix: prefix },
      5000,
    );
    try {
      const records = await waitFor(
        async () => {
          const entries = await redis.xrange('gatehouse:analytics', '-', '+');
          const all = entries.flatMap(
            ([, fields]) => JSON.parse(fields[fields.indexOf('r') + 1]) as Record<string, unknown>[],
          );
          const consumers = all.filter((record) => record.stream);
          return consumers.length === 2 ? consumers : undefined;
        },
        { description: 'two connection records' },
      );
      const bytes = JSON.stringify({ n: 1 }).length + JSON.stringify({ n: 22 }).length;
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ api_id: apiId, response_code: 101, stream: { messages: 2, bytes } }),
          expect.objectContaining({ api_id: apiId, response_code: 200, stream: { messages: 2, bytes } }),
        ]),
      );
    } finally {
      redis.disconnect();
    }
  });
});
