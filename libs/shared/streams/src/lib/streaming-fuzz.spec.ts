import { Mapping } from './bloblang/mapping';
import { MappingRuntimeError } from './bloblang/methods';
import { MappingSyntaxError } from './bloblang/tokens';
import { parseStreaming } from './streaming-definition';

/** A small seeded generator, so a failing case can be replayed from the seed in the test name. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const VALID = {
  streams: {
    orders: {
      input: { kafka: { addresses: ['127.0.0.1:9092'], topics: ['orders'], consumer_group: 'g' } },
      pipeline: {
        processors: [
          { mapping: 'root = this\nroot.n = this.n + 1' },
          { json_schema: { schema: { type: 'object' } } },
        ],
      },
      output: {
        broker: {
          pattern: 'fan_out',
          outputs: [{ http_server: { ws_path: '/ws' } }, { http_client: { url: 'http://127.0.0.1:1/h' } }],
        },
      },
      'x-gatehouse': { delivery: 'broadcast', retention: { max_messages: 10 } },
    },
  },
};

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  Number.NaN,
  '',
  'x'.repeat(100_000),
  '$tyk_context.token',
  '../../etc/passwd',
  [],
  [[[[]]]],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  true,
  'stdout',
];

function mutate(value: unknown, next: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  if (depth > 0 && next() < 0.08) return pick(ODD_VALUES);
  if (Array.isArray(value)) return value.map((item) => mutate(item, next, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const roll = next();
    if (roll < 0.05) continue;
    const name = roll < 0.08 ? pick(['stdout', '__proto__', 'constructor', `${key}x`, 'address']) : key;
    Object.defineProperty(copy, name, {
      value: mutate(item, next, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

describe('stream definitions under fuzzing', () => {
  it('never throws, and every issue names a field under x-tyk-streaming (2,000 mutations)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const input = mutate(VALID, random(seed));
      let result: ReturnType<typeof parseStreaming>;
      try {
        result = parseStreaming(input);
      } catch (error) {
        throw new Error(`seed ${seed} threw: ${(error as Error).message}`);
      }
      if (result.ok) continue;
      for (const issue of result.issues) {
        expect(issue.path.startsWith('x-tyk-streaming')).toBe(true);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses hostile mapping text with a syntax error, and runs what it accepts without crashing', () => {
    const pieces = [
      'root',
      'this',
      '.',
      'a',
      '=',
      '"s"',
      '1',
      '+',
      '(',
      ')',
      '{',
      '}',
      'if',
      'else',
      '\n',
      '$x',
      'let',
      'meta',
      '|',
      '&&',
      '[',
      ']',
      ',',
      ':',
      'deleted()',
      '.uppercase()',
      '#',
      '"$tyk_context.path"',
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const source = Array.from(
        { length: 1 + Math.floor(next() * 20) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join(' ');
      let mapping: Mapping;
      try {
        mapping = new Mapping(source);
      } catch (error) {
        if (error instanceof MappingSyntaxError) continue;
        throw new Error(`seed ${seed} (${JSON.stringify(source)}) threw ${(error as Error).message}`);
      }
      try {
        mapping.run({ content: '{"a":{"b":[1,"x"]}}', meta: { k: 'v' } }, { resolve: () => 'ctx' });
      } catch (error) {
        if (!(error instanceof MappingRuntimeError))
          throw new Error(`seed ${seed} (${JSON.stringify(source)}) crashed: ${(error as Error).message}`);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
