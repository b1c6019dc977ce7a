import { Writable } from 'node:stream';

import pino from 'pino';

import { REDACTED_PATHS } from './logger';

describe('log redaction', () => {
  it('never writes secrets from headers or fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const sut = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    sut.info({
      req: {
        headers: {
          authorization: 'Bearer raw-key',
          'x-tyk-authorization': 'admin-secret',
          'x-gatehouse-node-token': 'ghn_x',
        },
      },
      user: { password: 'hunter2' },
      node: { token: 'ghn_y' },
    });
    const written = lines.join('');
    for (const secret of ['raw-key', 'admin-secret', 'ghn_x', 'hunter2', 'ghn_y'])
      expect(written).not.toContain(secret);
    expect(written).toContain('[redacted]');
  });
});
