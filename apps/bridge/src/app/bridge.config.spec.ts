import { undocumentedSettings } from '@gatehouse/shared-testing';

import { bridgeConfigSchema } from './bridge.config';

describe('bridge configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('bridge', bridgeConfigSchema)).toEqual([]);
  });
});
