import type { IncomingMessage } from 'node:http';

import { applyJsonBody, basicClientAuth, field, parseForm } from './oauth-request';

const request = (method: string, contentType?: string) =>
  ({ method, headers: contentType ? { 'content-type': contentType } : {} }) as IncomingMessage;
const body = (text: string) => Buffer.from(text);

describe('reading OAuth requests as Go and osin read them', () => {
  it('takes a urlencoded POST body before the query, and no body for other types', () => {
    const parsed = parseForm(
      request('POST', 'application/x-www-form-urlencoded; charset=utf-8'),
      body('grant_type=client_credentials&scope=a+b'),
      '?grant_type=password&extra=1',
    );
    if (parsed === 'malformed') throw new Error('expected a form');
    expect(field(parsed.form, 'grant_type')).toBe('client_credentials');
    expect(field(parsed.form, 'scope')).toBe('a b');
    expect(field(parsed.form, 'extra')).toBe('1');
    expect(field(parsed.postForm, 'extra')).toBe('');
    const text = parseForm(request('POST', 'text/plain'), body('grant_type=x'), '');
    expect(text !== 'malformed' && field(text.form, 'grant_type')).toBe('');
  });

  it('refuses what Go refuses: bad escapes and semicolons', () => {
    const form = request('POST', 'application/x-www-form-urlencoded');
    expect(parseForm(form, body('token=%zz'), '')).toBe('malformed');
    expect(parseForm(form, body('token=a;b=c'), '')).toBe('malformed');
    expect(parseForm(form, body('token=a'), '?x=%')).toBe('malformed');
  });

  it('reads a JSON body of strings only for exactly application/json, all or nothing', () => {
    const parsed = parseForm(request('POST', 'application/json'), body(''), '');
    if (parsed === 'malformed') throw new Error('expected a form');
    applyJsonBody(request('POST', 'application/json'), body('{"grant_type":"password"}'), parsed.form);
    expect(field(parsed.form, 'grant_type')).toBe('password');
    applyJsonBody(request('POST', 'application/json'), body('{"grant_type":"x","n":1}'), parsed.form);
    expect(field(parsed.form, 'grant_type')).toBe('password');
    applyJsonBody(
      request('POST', 'application/json; charset=utf-8'),
      body('{"grant_type":"x"}'),
      parsed.form,
    );
    expect(field(parsed.form, 'grant_type')).toBe('password');
  });

  it("authenticates clients with osin's HTTP Basic only: case-sensitive, padded, split at the first colon", () => {
    const encode = (text: string) => Buffer.from(text).toString('base64');
    expect(basicClientAuth(`Basic ${encode('app:se:cret')}`)).toEqual({ id: 'app', secret: 'se:cret' });
    expect(basicClientAuth(`basic ${encode('app:secret')}`)).toBeUndefined();
    expect(basicClientAuth(`Basic ${encode('app-secret')}`)).toBeUndefined();
    expect(basicClientAuth(`Basic ${encode('app:secret').replace(/=+$/, '')}`)).toBeUndefined();
    expect(basicClientAuth('Basic !!!!')).toBeUndefined();
    expect(basicClientAuth(undefined)).toBeUndefined();
  });
});
