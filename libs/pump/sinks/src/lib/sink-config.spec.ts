import { NO_FILTERS } from '@gatehouse/pump-core';
import { z } from 'zod';

import { pumpsSchema, sinkConfigSchema } from './sink-config';
import { SINK_TYPES } from './sink-registry';

/** Each issue as `path: message`. */
function problems(result: { error?: z.ZodError }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`).sort();
}

describe('sink configuration (pumps)', () => {
  it('names each bad meta field of each sink', () => {
    expect(
      problems(
        pumpsSchema.safeParse({
          raw: { type: 'mongo', meta: { mongo_url: 'http://nope' } },
          k: { type: 'kafka', meta: {} },
          c: { type: 'csv', meta: {} },
          s: { type: 'statsd', meta: { address: 'statsd.local', fields: ['bytes_out'] } },
          p: { type: 'prometheus', meta: { disabled_metrics: ['tyk_everything'] } },
        }),
      ).map((problem) => problem.split(':')[0]),
    ).toEqual([
      'c.meta.csv_dir',
      'k.meta.broker',
      'p.meta.disabled_metrics.0',
      'raw.meta.mongo_url',
      's.meta.address',
      's.meta.fields.0',
    ]);
  });

  it('refuses keys it does not know, naming them, in the entry, its filters and its meta', () => {
    expect(
      problems(
        sinkConfigSchema.safeParse({
          type: 'mongo',
          meta: { mongo_url: 'mongodb://127.0.0.1', mongoDatabase: 'x' },
          filters: { skipApiIds: ['a'] },
          omitDetailedRecording: true,
        }),
      ),
    ).toEqual([
      ': Unrecognized key: "omitDetailedRecording"',
      'filters: Unrecognized key: "skipApiIds"',
      'meta: Unrecognized key: "mongoDatabase"',
    ]);
  });

  it("takes Tyk pump's type names and fills defaults", () => {
    expect(
      sinkConfigSchema.parse({
        type: 'hybrid',
        meta: { connection_string: 'b:1', api_key: 't', group_id: 'eu', use_ssl: true },
      }),
    ).toEqual({
      type: 'hybrid',
      meta: { connection_string: 'b:1', api_key: 't', group_id: 'eu', use_ssl: true },
      filters: NO_FILTERS,
      omit_detailed_recording: false,
      max_record_size: 0,
      timeout: 10,
    });
    expect(
      sinkConfigSchema.safeParse({ type: 'mongo-pump-aggregate', meta: { mongo_url: 'mongodb://h' } })
        .success,
    ).toBe(true);
    expect(problems(sinkConfigSchema.safeParse({ type: 'elasticsearch' }))[0]).toMatch(/^type: /);
  });

  it('refuses a plaintext bridge sink unless allow_insecure_bridge says so', () => {
    const meta = { connection_string: 'b:1', api_key: 't', group_id: 'eu' };
    expect(problems(sinkConfigSchema.safeParse({ type: 'bridge', meta }))).toEqual([
      expect.stringMatching(/^meta\.use_ssl: the bridge is reached over TLS/),
    ]);
    expect(
      sinkConfigSchema.safeParse({ type: 'bridge', meta: { ...meta, allow_insecure_bridge: true } }).success,
    ).toBe(true);
  });

  it('allows one prometheus sink, whose series go on the pump’s own registry', () => {
    expect(
      problems(pumpsSchema.safeParse({ p1: { type: 'prometheus' }, p2: { type: 'prometheus' } })),
    ).toEqual([": at most one prometheus sink: its metrics go on the pump's own registry"]);
  });

  it('names every meta field in snake_case, as Tyk does', () => {
    const keys = Object.values(SINK_TYPES).flatMap((type) => Object.keys((type.meta as z.ZodObject).shape));
    expect(keys.filter((key) => !/^[a-z0-9_]+$/.test(key))).toEqual([]);
  });
});
