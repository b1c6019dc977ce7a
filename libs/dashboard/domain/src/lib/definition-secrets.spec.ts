import { keepMaskedSecrets, MASKED_SECRET, maskDefinitionSecrets } from './definition-secrets';

/** A stream API's credentials: broker SASL, an MQTT password, a webhook's basic auth and bearer header. */
const streamApi = {
  'x-tyk-streaming': {
    streams: {
      orders: {
        input: {
          kafka: {
            addresses: ['k:9092'],
            topics: ['t'],
            sasl: { mechanism: 'PLAIN', user: 'u', password: 'kafka-pass' },
          },
        },
        output: {
          broker: {
            outputs: [
              { mqtt: { urls: ['tcp://m:1883'], topic: 'o', user: 'm', password: 'mqtt-pass' } },
              {
                http_client: {
                  url: 'https://hooks.example/in',
                  headers: { Authorization: 'Bearer hook-token', 'Content-Type': 'application/json' },
                  basic_auth: { enabled: true, username: 'b', password: 'basic-pass' },
                },
              },
            ],
          },
        },
      },
    },
  },
};

describe(maskDefinitionSecrets.name, () => {
  it("masks a stream's broker, webhook and header credentials and keeps everything else", () => {
    const sut = maskDefinitionSecrets(streamApi);
    const text = JSON.stringify(sut);
    for (const secret of ['kafka-pass', 'mqtt-pass', 'basic-pass', 'hook-token'])
      expect(text).not.toContain(secret);
    const outputs = sut['x-tyk-streaming'].streams.orders.output.broker.outputs as {
      http_client?: unknown;
    }[];
    const hook = outputs[1].http_client as { headers: Record<string, string> };
    expect(hook.headers).toEqual({ Authorization: MASKED_SECRET, 'Content-Type': 'application/json' });
    expect(sut['x-tyk-streaming'].streams.orders.input.kafka.sasl.user).toBe('u');
  });

  it('keeps dates as dates (audit entries of users and tokens carry them)', () => {
    const createdAt = new Date('2026-12-07T03:00:00Z');
    expect(maskDefinitionSecrets({ user: { createdAt } })).toEqual({ user: { createdAt } });
  });

  it('gives the stored secrets back to a write that sends the masks unchanged', () => {
    expect(keepMaskedSecrets(maskDefinitionSecrets(streamApi), streamApi)).toEqual(streamApi);
  });
});
