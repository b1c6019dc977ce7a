import { undocumentedSettings } from '@gatehouse/shared-testing';

import { gatewayConfigSchema } from './gateway.config';
import { hybridOptions } from './hybrid-options';

const SECRET = 'k'.repeat(32);

describe('gateway configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('gateway', gatewayConfigSchema)).toEqual([]);
  });

  it('names every setting hybrid mode is missing', () => {
    const parsed = gatewayConfigSchema.safeParse({
      slave_options: { use_rpc: true, group_id: 'eu' },
      hash_keys: false,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'hash_keys',
      'slave_options.api_key',
      'slave_options.connection_string',
      'slave_options.rpc_key',
      'slave_options.use_ssl',
    ]);
  });

  it('refuses a plaintext bridge unless allow_insecure_bridge says so, naming the settings', () => {
    const hybrid = { use_rpc: true, connection_string: 'b:1', rpc_key: 'acme', api_key: 't', group_id: 'eu' };
    const problems = (slave: Record<string, unknown>) =>
      gatewayConfigSchema
        .safeParse({ slave_options: { ...hybrid, ...slave } })
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(problems({})).toEqual([expect.stringMatching(/^slave_options\.use_ssl: .*allow_insecure_bridge/)]);
    expect(problems({ allow_insecure_bridge: true })).toEqual([]);
    expect(problems({ use_ssl: true, ca_file: '/etc/ca.pem' })).toEqual([]);
    expect(problems({ use_ssl: true, cert_file: '/etc/gw.pem' })).toEqual([
      expect.stringMatching(/^slave_options\.key_file: set cert_file and key_file together/),
    ]);
  });

  it("reads Tyk's TLS settings for the traffic port, refusing what Tyk's names cannot mean here", () => {
    const issues = (options: Record<string, unknown>) =>
      gatewayConfigSchema
        .safeParse({ key_hashing: { secret: SECRET }, http_server_options: options })
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(issues({ use_ssl: true })).toEqual([
      expect.stringMatching(/^http_server_options\.certificates: /),
    ]);
    expect(issues({ use_ssl: true, ssl_certificates: ['/etc/gw.pem'], min_version: 771 })).toEqual([]);
    expect(issues({ min_version: 769 })).toEqual([
      expect.stringMatching(/^http_server_options\.min_version: .*TLS 1\.0 and 1\.1/),
    ]);
    expect(
      issues({ ssl_ciphers: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_RC4_128_SHA'] }),
    ).toEqual([
      expect.stringMatching(
        /^http_server_options\.ssl_ciphers\.1: TLS_RSA_WITH_RC4_128_SHA is not a supported/,
      ),
    ]);
  });

  it('turns hybrid mode on with mode: hybrid as with use_rpc', () => {
    const parsed = gatewayConfigSchema.safeParse({ mode: 'hybrid' });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(
      'slave_options.connection_string',
    );
    expect(
      gatewayConfigSchema.safeParse({ mode: 'standalone', key_hashing: { secret: SECRET } }).success,
    ).toBe(true);
  });

  it('refuses to hash keys in ways an attacker can forge or read back', () => {
    const issues = (input: Record<string, unknown>) =>
      gatewayConfigSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(issues({})).toEqual(['key_hashing.secret']);
    expect(issues({ key_hashing: { secret: 'short' } })).toEqual(['key_hashing.secret']);
    expect(issues({ key_hashing: { secret: SECRET }, hash_key_function: 'murmur32' })).toEqual([
      'hash_key_function',
    ]);
    expect(issues({ key_hashing: { secret: SECRET, migrate_from: ['murmur32'] } })).toEqual([
      'key_hashing.migrate_from.0',
    ]);
    expect(issues({ key_hashing: { secret: SECRET }, hash_keys: false })).toEqual(['hash_keys']);
    expect(issues({ key_hashing: { algorithm: 'sha256' } })).toEqual([]);
  });

  it("reads Tyk's slave_options into hybrid mode's settings", () => {
    const config = gatewayConfigSchema.parse({
      slave_options: {
        use_rpc: true,
        connection_string: '10.0.0.1:50051, 10.0.0.2:50051',
        rpc_key: 'acme',
        api_key: 'ghn_token',
        group_id: 'eu',
        call_timeout: 2,
        use_ssl: true,
      },
      hybrid: { node_id: 'eu-1' },
    });
    expect(hybridOptions(config)).toMatchObject({
      addresses: ['10.0.0.1:50051', '10.0.0.2:50051'],
      orgId: 'acme',
      nodeToken: 'ghn_token',
      groupId: 'eu',
      nodeId: 'eu-1',
      callTimeoutMs: 2000,
    });
  });
});
