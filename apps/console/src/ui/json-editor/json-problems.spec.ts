import { jsonProblems } from './json-problems';
import { dottedPathToPointer, pointerSegments } from './json-pointer-range';
import { componentValidator } from './schema-issues';

/** A slice of the dashboard's OpenAPI document: nullable fields, an anyOf object, a nested $ref. */
const document = {
  components: {
    schemas: {
      Proxy: {
        type: 'object',
        properties: {
          listen_path: { type: 'string', minLength: 1 },
          strip_listen_path: { type: ['boolean', 'null'] },
        },
        required: ['listen_path'],
      },
      ApiscreateBody: {
        type: 'object',
        properties: {
          api_id: { type: 'string', minLength: 1 },
          name: { type: ['string', 'null'] },
          auth: {
            anyOf: [
              { type: 'object', properties: { auth_header_name: { type: ['string', 'null'] } } },
              { type: 'null' },
            ],
          },
          proxy: { $ref: '#/components/schemas/Proxy' },
          tags: { type: 'array', items: { type: 'string' } },
        },
        required: ['api_id', 'proxy'],
      },
    },
  },
};

const validator = componentValidator(document, 'ApiscreateBody');
const at = (text: string, problem: { from: number; to: number }) => text.slice(problem.from, problem.to);

describe(jsonProblems.name, () => {
  it('finds nothing wrong with a valid document', () => {
    expect(jsonProblems('{"api_id": "a", "proxy": {"listen_path": "/a"}}', validator)).toEqual([]);
  });

  it('reports each schema failure once, at the member it names, not the anyOf/$ref summaries', () => {
    const text = JSON.stringify(
      {
        api_id: '',
        name: 5,
        auth: { auth_header_name: 3 },
        proxy: { listen_path: '/x', strip_listen_path: 'yes' },
        tags: ['a', 2],
      },
      null,
      2,
    );
    const problems = jsonProblems(text, validator);
    expect(problems.map((problem) => [problem.path, at(text, problem)])).toEqual([
      ['/api_id', '"api_id"'],
      ['/name', '"name"'],
      ['/auth/auth_header_name', '"auth_header_name"'],
      ['/proxy/strip_listen_path', '"strip_listen_path"'],
      ['/tags/1', '2'],
    ]);
    expect(problems.every((problem) => problem.source === 'schema')).toBe(true);
  });

  it('places a missing required member on the object that lacks it', () => {
    const text = '{"api_id": "a"}';
    const [problem] = jsonProblems(text, validator);
    expect(problem).toMatchObject({ path: '', message: expect.stringContaining('"proxy"') });
    expect(at(text, problem)).toBe('{');
  });

  it('places the issues the API raised by their dotted paths', () => {
    const text = '{"api_id": "a", "proxy": {"listen_path": "/a"}}';
    const [problem] = jsonProblems(text, undefined, [
      { pointer: dottedPathToPointer('proxy.listen_path'), message: 'taken' },
    ]);
    expect(problem).toMatchObject({ source: 'api', path: '/proxy/listen_path', message: 'taken' });
    expect(at(text, problem)).toBe('"listen_path"');
  });

  it('reports a syntax error near where it is, and nothing else', () => {
    const text = '{"api_id": "a",, }';
    const problems = jsonProblems(text, validator);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: 'syntax', path: '' });
    expect(problems[0].from).toBeGreaterThan(10);
  });

  it('round-trips pointer escapes', () => {
    expect(pointerSegments(dottedPathToPointer('paths./a~b.get'))).toEqual(['paths', '/a~b', 'get']);
  });
});
