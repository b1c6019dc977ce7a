import { undocumentedSettings } from '@gatehouse/shared-testing';

import { pumpConfigSchema } from './pump.config';

describe('pump configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('pump', pumpConfigSchema)).toEqual([]);
  });
});
