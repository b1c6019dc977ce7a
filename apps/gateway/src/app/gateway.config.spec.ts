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
