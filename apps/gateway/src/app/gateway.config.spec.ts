import { undocumentedSettings } from '@gatehouse/shared-testing';

import { gatewayConfigSchema } from './gateway.config';

describe('gateway configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('gateway', gatewayConfigSchema)).toEqual([]);
  });
});
