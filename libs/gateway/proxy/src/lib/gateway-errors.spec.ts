import { classifyUpstreamError, tykErrorBody, upstreamErrorResponse } from './gateway-errors';

describe('Tyk error answers (gateway/handler_error.go, templates/error.json, reverse_proxy.go)', () => {
  it("renders the body as Tyk's template does, HTML-sensitive characters escaped", () => {
    expect(tykErrorBody('Key not authorized')).toBe('{\n    "error": "Key not authorized"\n}');
    const tricky = tykErrorBody('a<b>&c="d"');
    expect(tricky).toBe('{\n    "error": "a\\u003Cb\\u003E\\u0026c\\u003D\\"d\\""\n}');
    expect(JSON.parse(tricky)).toEqual({ error: 'a<b>&c="d"' });
  });

  it('names a failed DNS lookup and answers a connect timeout as any other failure', () => {
    const answer = (code: string) =>
      upstreamErrorResponse(classifyUpstreamError(Object.assign(new Error(code), { code })));
    expect(answer('ENOTFOUND')).toEqual({ statusCode: 500, message: 'Upstream host lookup failed' });
    expect(answer('UND_ERR_CONNECT_TIMEOUT')).toEqual({
      statusCode: 500,
      message: 'There was a problem proxying the request',
    });
    expect(answer('UND_ERR_HEADERS_TIMEOUT')).toEqual({
      statusCode: 504,
      message: 'Upstream service reached hard timeout.',
    });
  });
});
