import { splitIssues } from '../../ui/json-editor/issue-fields';
import {
  API_FORM_MEMBERS,
  apiDefinitionFromForm,
  apiFormFromDefinition,
  apiFormSchema,
  authLabel,
  isOasDefinition,
  newApiDefinition,
} from './api-form';

/** A classic definition with members the form never names, which must survive every edit. */
const stored = {
  api_id: 'orders',
  name: 'Orders',
  active: true,
  use_keyless: false,
  use_standard_auth: true,
  auth: { auth_header_name: 'X-Api-Key', use_param: true },
  proxy: {
    listen_path: '/orders/',
    target_url: 'http://orders:8080',
    strip_listen_path: true,
    preserve_host_header: true,
  },
  version_data: { not_versioned: false, versions: { v1: { name: 'v1' } } },
  tags: ['eu', 'public'],
  CORS: { enable: true },
  custom_middleware: { pre: [{ name: 'x' }] },
};

describe('API form ↔ definition', () => {
  it('shows the common fields of a classic definition', () => {
    expect(apiFormFromDefinition(stored)).toEqual({
      apiId: 'orders',
      name: 'Orders',
      listenPath: '/orders/',
      targetUrl: 'http://orders:8080',
      stripListenPath: true,
      active: true,
      auth: 'token',
      authHeaderName: 'X-Api-Key',
      tags: 'eu, public',
    });
  });

  it('writes the form back and keeps every member it does not show', () => {
    const values = {
      ...apiFormFromDefinition(stored),
      name: ' Orders v2 ',
      listenPath: '/v2/orders/',
      active: false,
      tags: 'eu, , internal, eu',
    };
    const sut = apiDefinitionFromForm(stored, values);
    expect(sut).toEqual({
      ...stored,
      name: 'Orders v2',
      active: false,
      tags: ['eu', 'internal'],
      proxy: { ...stored.proxy, listen_path: '/v2/orders/' },
    });
    expect(apiFormFromDefinition(sut)).toEqual({ ...values, name: 'Orders v2', tags: 'eu, internal' });
  });

  it('switches between keyless and auth token without losing the auth settings', () => {
    const keyless = apiDefinitionFromForm(stored, { ...apiFormFromDefinition(stored), auth: 'keyless' });
    expect(keyless).toMatchObject({ use_keyless: true, use_standard_auth: false, auth: stored.auth });
    const token = apiDefinitionFromForm(keyless, {
      ...apiFormFromDefinition(keyless),
      auth: 'token',
      authHeaderName: 'Key',
    });
    expect(token).toMatchObject({
      use_keyless: false,
      use_standard_auth: true,
      auth: { use_param: true, auth_header_name: 'Key' },
    });
  });

  it('leaves another auth method to the JSON, unless the form picks one of its own', () => {
    const jwt = { ...stored, use_standard_auth: false, enable_jwt: true, jwt_signing_method: 'rsa' };
    const form = apiFormFromDefinition(jwt);
    expect(form.auth).toBe('other');
    expect(authLabel(jwt)).toBe('JWT');
    expect(apiDefinitionFromForm(jwt, form)).toEqual(jwt);
    expect(apiDefinitionFromForm(jwt, { ...form, auth: 'token' })).toMatchObject({
      enable_jwt: false,
      use_standard_auth: true,
      jwt_signing_method: 'rsa',
    });
  });

  it('starts a new API keyless, active, unversioned, with a generated id', () => {
    const fresh = newApiDefinition();
    expect(fresh['api_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(apiFormFromDefinition(fresh)).toMatchObject({ auth: 'keyless', active: true, listenPath: '/' });
    expect(fresh['version_data']).toMatchObject({ not_versioned: true, default_version: 'Default' });
  });

  it('checks the form before sending', () => {
    const result = apiFormSchema.safeParse({
      ...apiFormFromDefinition(stored),
      name: ' ',
      listenPath: 'orders',
      targetUrl: 'orders:8080',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'name',
      'listenPath',
      'targetUrl',
    ]);
  });

  it('tells Tyk OAS definitions from classic ones', () => {
    expect(isOasDefinition(stored)).toBe(false);
    expect(isOasDefinition({ openapi: '3.0.3', 'x-tyk-api-gateway': {} })).toBe(true);
  });
});

describe('API issues → form fields', () => {
  it('puts each issue under the field that edits the member it names, and lists the rest with their paths', () => {
    const sut = splitIssues(
      [
        { path: 'proxy.listen_path', message: 'another API of the org serves this path' },
        { path: 'proxy.target_url', message: '"ftp://x" is not an http(s) URL' },
        { path: 'tags.1', message: 'expected string' },
        { path: 'auth.auth_header_name', message: 'expected string' },
        { path: 'proxy.target_list.0', message: 'not an http(s) URL' },
        { path: 'version_data.versions', message: 'required' },
        { path: '', message: 'expected an object' },
      ],
      API_FORM_MEMBERS,
    );
    expect(sut.fields).toEqual({
      listenPath: 'another API of the org serves this path',
      targetUrl: '"ftp://x" is not an http(s) URL',
      tags: 'expected string',
      authHeaderName: 'expected string',
    });
    expect(sut.others).toEqual([
      { path: 'proxy.target_list.0', message: 'not an http(s) URL' },
      { path: 'version_data.versions', message: 'required' },
      { path: '', message: 'expected an object' },
    ]);
  });
});
