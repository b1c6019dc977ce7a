import { parseStreaming, StreamSpec } from './streaming-definition';
import { resolvedFields, resolveTemplates } from './output-templates';

const kafkaToClients = {
  input: {
    kafka: {
      addresses: ['localhost:9093'],
      topics: ['instrument.json.AMZN', 'instrument.json.GOOG'],
      consumer_group: 'group1',
      target_version: '3.3.0',
      checkpoint_limit: 1024,
      auto_replay_nacks: true,
    },
  },
  output: { http_server: { ws_path: '/subscribe', stream_path: '/sse', path: '/poll' } },
};

function streams(value: unknown): StreamSpec[] {
  const result = parseStreaming(value);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.streams;
}

function issues(value: unknown): string[] {
  const result = parseStreaming(value);
  if (result.ok) throw new Error('accepted');
  return result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

const withStream = (stream: unknown) => ({ streams: { orders: stream } });

describe(parseStreaming.name, () => {
  it("accepts Tyk's Kafka example with Bento's defaults applied and accepted-only fields kept out", () => {
    const [sut] = streams(withStream(kafkaToClients));
    expect(sut.input).toEqual({
      type: 'kafka',
      config: expect.objectContaining({
        client_id: 'gatehouse',
        start_from_oldest: true,
        consumer_group: 'group1',
      }),
    });
    expect(sut.outputs[0]).toEqual({
      type: 'http_server',
      config: expect.objectContaining({
        ws_path: '/subscribe',
        stream_path: '/sse',
        path: '/poll',
        timeout: 5000,
      }),
    });
    expect(sut.distribution).toEqual({
      delivery: 'broadcast',
      retention: { max_messages: 10000, max_age: 3_600_000 },
      consumer_buffer: 256,
      max_connections_per_key: 10,
    });
    expect(sut.processing).toBe('ingest');
  });

  it('compiles processors and fan-out brokers', () => {
    const [sut] = streams(
      withStream({
        input: { http_server: { path: '/pub' } },
        pipeline: {
          processors: [
            { mapping: 'root = this\nroot.user = "$tyk_context.jwt_claims_sub"' },
            { json_schema: { schema: '{"type":"object","required":["user"]}' } },
          ],
        },
        output: {
          broker: {
            pattern: 'fan_out',
            outputs: [
              { kafka: { addresses: ['127.0.0.1:9092'], topic: 'jobs' } },
              { http_client: { url: 'http://127.0.0.1:9/hook', retries: 5, backoff_on: [429, 503] } },
            ],
          },
        },
      }),
    );
    expect(sut.processors.map((p) => p.type)).toEqual(['mapping', 'json_schema']);
    expect(sut.outputs.map((o) => o.type)).toEqual(['kafka', 'http_client']);
    expect(sut.processing).toBe('ingest');
  });

  it('runs a pipeline that reads $tyk_context per consumer when only the output has a request', () => {
    const [sut] = streams(
      withStream({
        ...kafkaToClients,
        pipeline: {
          processors: [
            { mapping: 'root = if this.user == "$tyk_context.headers_X_User" { this } else { deleted() }' },
          ],
        },
      }),
    );
    expect(sut.processing).toBe('per-consumer');
  });

  it('names the field of every problem, under x-tyk-streaming', () => {
    expect(
      issues(
        withStream({ input: { kafka: { addresses: [], topics: ['t'] } }, output: kafkaToClients.output }),
      ),
    ).toEqual(['x-tyk-streaming.streams.orders.input.kafka.addresses: at least one address is required']);
    expect(
      issues(withStream({ ...kafkaToClients, input: { kafka: { adresses: ['a:1'], topics: ['t'] } } })),
    ).toEqual([
      'x-tyk-streaming.streams.orders.input.kafka.addresses: Invalid input: expected array, received undefined',
      'x-tyk-streaming.streams.orders.input.kafka.adresses: unknown field',
    ]);
    expect(issues(withStream({ ...kafkaToClients, input: { stdout: {} } }))).toEqual([
      "x-tyk-streaming.streams.orders.input.stdout: the stdout input is not allowed: it reaches the gateway's host",
    ]);
    expect(issues(withStream({ ...kafkaToClients, output: { amqp_1: {} } }))).toEqual([
      'x-tyk-streaming.streams.orders.output.amqp_1: unsupported output; supported: http_server, kafka, mqtt, http_client, broker',
    ]);
    expect(issues(withStream({ ...kafkaToClients, input: { kafka: {}, mqtt: {} } }))[0]).toMatch(
      /^x-tyk-streaming.streams.orders.input: expected exactly one input .*found kafka, mqtt$/,
    );
  });

  it('refuses mappings outside the subset with the line and column', () => {
    const bad = withStream({
      ...kafkaToClients,
      pipeline: { processors: [{ mapping: 'root = this\nroot.x = this.a.foo()' }] },
    });
    expect(issues(bad)).toEqual([
      'x-tyk-streaming.streams.orders.pipeline.processors.0.mapping: line 2, column 17: unknown method foo() (not in the supported subset)',
    ]);
  });

  it('refuses what would reach the host or another listener', () => {
    const host = withStream({
      ...kafkaToClients,
      pipeline: { processors: [{ json_schema: { schema_path: '/etc/passwd' } }] },
    });
    expect(issues(host).join('\n')).toMatch(
      /processors.0.json_schema.schema_path: schema_path is not allowed here/,
    );
    const listener = withStream({ ...kafkaToClients, output: { http_server: { address: '0.0.0.0:4195' } } });
    expect(issues(listener)).toEqual([
      "x-tyk-streaming.streams.orders.output.http_server.address: address is not allowed here: streams are served by the gateway's own listener, under the API's listen path",
    ]);
    const traversal = withStream({ ...kafkaToClients, output: { http_server: { stream_path: '/a/../b' } } });
    expect(issues(traversal)).toEqual([
      'x-tyk-streaming.streams.orders.output.http_server.stream_path: no "." or ".." segments',
    ]);
  });

  it('refuses two streams serving one path, and context without a request', () => {
    expect(issues({ streams: { a: kafkaToClients, b: kafkaToClients } })).toContain(
      'x-tyk-streaming.streams.b.output.http_server.ws_path: "/subscribe" is already served by streams.a.output.http_server.ws_path',
    );
    const noRequest = withStream({
      input: kafkaToClients.input,
      pipeline: { processors: [{ mapping: 'root.u = $tyk_context.headers_X_User' }] },
      output: { kafka: { addresses: ['a:1'], topic: 'out' } },
    });
    expect(issues(noRequest)).toEqual([
      'x-tyk-streaming.streams.orders.pipeline.processors.0.mapping: $tyk_context needs an http_server input (the publisher) or an http_server output (each consumer)',
    ]);
    const inField = withStream({
      ...kafkaToClients,
      output: { kafka: { addresses: ['a:1'], topic: 'out', key: '$tyk_context.path' } },
    });
    expect(issues(inField)).toEqual([
      "x-tyk-streaming.streams.orders.output.kafka.key: a placeholder in an output field is resolved from the publisher's request: it needs an http_server input",
    ]);
  });

  it("resolves placeholders in an output's key, topic and headers from the publisher, and nowhere else", () => {
    const published = {
      input: { http_server: { path: '/in' } },
      output: {
        broker: {
          pattern: 'fan_out',
          outputs: [
            { kafka: { addresses: ['a:1'], topic: 'out', key: '$tyk_context.headers_X_Tenant' } },
            { mqtt: { urls: ['tcp://m:1'], topic: 'tenants/$tyk_meta.tenant/orders' } },
            {
              http_client: {
                url: 'http://hook:1/',
                headers: { 'X-Tenant': '$tyk_context.headers_X_Tenant' },
              },
            },
          ],
        },
      },
    };
    const parsed = parseStreaming({ streams: { orders: published } });
    expect(parsed.ok && parsed.streams[0].templates).toEqual([
      { output: 0, fields: [{ field: 'key', parts: [{ source: 'tyk_context', name: 'headers_X_Tenant' }] }] },
      {
        output: 1,
        fields: [{ field: 'topic', parts: ['tenants/', { source: 'tyk_meta', name: 'tenant' }, '/orders'] }],
      },
      {
        output: 2,
        fields: [{ field: 'headers.X-Tenant', parts: [{ source: 'tyk_context', name: 'headers_X_Tenant' }] }],
      },
    ]);
    const aimed = withStream({
      ...published,
      output: {
        http_client: { url: 'http://$tyk_context.headers_Host/', headers: { A: '$tyk_context.token' } },
      },
    });
    expect(issues(aimed)).toEqual([
      'x-tyk-streaming.streams.orders.output.http_client.headers.A: $tyk_context.token (the raw key) is not available to streams',
      "x-tyk-streaming.streams.orders.output.http_client.url: $tyk_context and $tyk_meta are resolved in processors, and in an output's key, topic or headers only",
    ]);
  });

  it('bounds streams per API, processors per stream and stream names', () => {
    const many = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [
        `s${i}`,
        { ...kafkaToClients, output: { kafka: { addresses: ['a:1'], topic: 't' } } },
      ]),
    );
    expect(issues({ streams: many })).toEqual(['x-tyk-streaming.streams: at most 16 streams per API']);
    const processors = Array.from({ length: 33 }, () => ({ mapping: 'root = this' }));
    expect(issues(withStream({ ...kafkaToClients, pipeline: { processors } }))[0]).toMatch(
      /pipeline.processors: Too big/,
    );
    expect(issues({ streams: { __proto__x: kafkaToClients } })[0]).toMatch(
      /^x-tyk-streaming.streams.__proto__x: a stream name is/,
    );
  });

  it('reads durations and refuses malformed ones', () => {
    const [sut] = streams(
      withStream({ ...kafkaToClients, 'x-gatehouse': { retention: { max_age: '1m30s', max_messages: 5 } } }),
    );
    expect(sut.distribution.retention).toEqual({ max_messages: 5, max_age: 90_000 });
    expect(
      issues(withStream({ ...kafkaToClients, 'x-gatehouse': { retention: { max_age: 'forever' } } }))[0],
    ).toMatch(/x-gatehouse.retention.max_age: expected a duration/);
  });
});

describe('resolveTemplates', () => {
  const header = [
    {
      output: 0,
      fields: [
        { field: 'headers.X-Tenant', parts: [{ source: 'tyk_context' as const, name: 'headers_X_Tenant' }] },
      ],
    },
  ];
  const topic = [
    {
      output: 1,
      fields: [
        { field: 'topic', parts: ['t/', { source: 'tyk_context' as const, name: 'headers_X_Tenant' }] },
      ],
    },
  ];
  const context = (value: string) => ({ resolve: () => value });

  it('refuses a request value that would split a header or widen a topic, and resolves a plain one', () => {
    for (const injected of ['acme\r\nX-Admin: 1', 'acme\n', 'a\0b'])
      expect(resolveTemplates(header, context(injected), {})).toContain('headers.X-Tenant');
    for (const widened of ['#', 'a/+/b'])
      expect(resolveTemplates(topic, context(widened), {})).toContain('topic');
    const meta: Record<string, string> = {};
    expect(resolveTemplates(header, context('acme'), meta)).toBeUndefined();
    expect(resolvedFields(meta, 0)).toEqual({ 'headers.X-Tenant': 'acme' });
    expect(resolvedFields(meta, 1)).toEqual({});
  });
});
