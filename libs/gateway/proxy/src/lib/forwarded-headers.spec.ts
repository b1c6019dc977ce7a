import { appendForwardedFor, endToEndHeaders } from './forwarded-headers';

describe(endToEndHeaders.name, () => {
  it('drops hop-by-hop headers and those named by Connection', () => {
    const sut = endToEndHeaders({
      host: 'gw.example',
      connection: 'keep-alive, x-secret-hop',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'x-secret-hop': '1',
      'content-type': 'application/json',
      'set-cookie': ['a=1', 'b=2'],
    });
    expect(sut).toEqual({ 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
  });
});

describe(appendForwardedFor.name, () => {
  it('appends the client to an existing chain', () => {
    const sut = { 'x-forwarded-for': '203.0.113.9' };
    appendForwardedFor(sut, '127.0.0.1');
    expect(sut['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
  });

  it('starts a chain when there is none', () => {
    const sut: Record<string, string> = {};
    appendForwardedFor(sut, '127.0.0.1');
    expect(sut['x-forwarded-for']).toBe('127.0.0.1');
  });
});
