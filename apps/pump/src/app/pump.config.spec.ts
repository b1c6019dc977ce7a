import { undocumentedSettings } from '@gatehouse/shared-testing';
import { z } from 'zod';

import { pumpConfigSchema } from './pump.config';

/** Every key path of an object schema, through nested objects and their wrappers. */
function keyPaths(schema: z.ZodType, prefix = ''): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional)
    inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...keyPaths(child, `${prefix}${key}.`),
  ]);
}

describe('pump configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('pump', pumpConfigSchema)).toEqual([]);
  });

  it("names every key in snake_case, as Tyk pump's config does", () => {
    const paths = keyPaths(pumpConfigSchema);
    expect(paths).toContain('redis.startup_timeout_ms');
    expect(paths.filter((path) => !/^[a-z0-9_.]+$/.test(path))).toEqual([]);
  });
});
