import { groupFormSchema, groupToBody, groupToForm } from './group-form';

describe(groupToBody.name, () => {
  it('trims fields and splits tags, dropping blanks and repeats', () => {
    const sut = groupToBody({
      groupId: 'eu-1',
      name: ' Europe ',
      region: ' eu-west ',
      tags: 'edge, eu ,, edge',
    });
    expect(sut).toEqual({ groupId: 'eu-1', name: 'Europe', region: 'eu-west', tags: ['edge', 'eu'] });
  });

  it('round-trips a group through the form', () => {
    const group = { orgId: 'o', groupId: 'us', name: 'US', region: 'us-east', tags: ['a', 'b'] };
    expect(groupToBody(groupToForm(group))).toEqual({
      groupId: 'us',
      name: 'US',
      region: 'us-east',
      tags: ['a', 'b'],
    });
  });
});

describe('groupFormSchema', () => {
  it('refuses what the API would refuse, naming the field', () => {
    const sut = groupFormSchema.safeParse({
      groupId: '-bad id',
      name: ' ',
      region: '',
      tags: 'x'.repeat(65),
    });
    expect(sut.success).toBe(false);
    const fields = sut.error?.issues.map((issue) => issue.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['groupId', 'name', 'region', 'tags']));
  });

  it('accepts an empty tag list', () => {
    expect(groupFormSchema.safeParse({ groupId: 'eu.1', name: 'EU', region: 'eu', tags: '' }).success).toBe(
      true,
    );
  });
});
