import { compileSchema, SchemaError } from './json-schema-subset';

const orderSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['id', 'lines'],
  properties: {
    id: { type: 'string', pattern: '^ord-[0-9]+$' },
    total: { type: 'number', minimum: 0 },
    status: { enum: ['new', 'paid'] },
    lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku'] } },
  },
  additionalProperties: false,
};

describe(compileSchema.name, () => {
  const sut = compileSchema(orderSchema);

  it('passes a valid document and names the first failing field of an invalid one', () => {
    expect(sut({ id: 'ord-1', total: 3, status: 'new', lines: [{ sku: 'a' }] }, '')).toBeUndefined();
    expect(sut({ lines: [{ sku: 'a' }] }, '')).toBe('id: required');
    expect(sut({ id: 'x', lines: [{ sku: 'a' }] }, '')).toBe('id: does not match the pattern');
    expect(sut({ id: 'ord-1', total: -1, lines: [{ sku: 'a' }] }, '')).toBe('total: must be >= 0');
    expect(sut({ id: 'ord-1', lines: [{}] }, '')).toBe('lines.0.sku: required');
    expect(sut({ id: 'ord-1', lines: [{ sku: 'a' }], extra: 1 }, '')).toBe('extra: not allowed');
    expect(sut('text', '')).toBe('(root): expected object');
  });

  it('runs hostile patterns in linear time and refuses what RE2 cannot run', () => {
    const check = compileSchema({ type: 'string', pattern: '^(a+)+$' });
    expect(check(`${'a'.repeat(50_000)}!`, '')).toBe('(root): does not match the pattern');
    expect(() => compileSchema({ pattern: '(a)\\1' })).toThrow(SchemaError);
  });

  it('refuses unsupported keywords and oversized schemas at load rather than ignoring them', () => {
    expect(() => compileSchema({ $ref: '#/definitions/x' })).toThrow('schema.$ref: keyword not supported');
    expect(() => compileSchema({ anyOf: [] })).toThrow('schema.anyOf: keyword not supported');
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 20; i++) deep = { type: 'array', items: deep };
    expect(() => compileSchema(deep)).toThrow(/nested more than 16 levels/);
  });
});
