import { nodeHandshakeSchema } from './gateway-group';
import { InvalidInputError } from './domain-errors';
import { parseOrThrow } from './validate';

describe(parseOrThrow.name, () => {
  it('returns the parsed value with defaults applied', () => {
    expect(parseOrThrow(nodeHandshakeSchema, { orgId: 'acme', groupId: 'eu', nodeId: 'n1' })).toEqual({
      orgId: 'acme',
      groupId: 'eu',
      nodeId: 'n1',
      version: '',
      tags: [],
    });
  });

  it('names every bad field, nested ones by dotted path', () => {
    const error = (() => {
      try {
        parseOrThrow(nodeHandshakeSchema, { orgId: 'bad org!', groupId: 'eu', nodeId: 7, tags: ['ok', 3] });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    const issues = (error as InvalidInputError).issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual(['nodeId', 'orgId', 'tags.1']);
    expect((error as InvalidInputError).message).toContain('orgId: must start with a letter or digit');
  });
});
