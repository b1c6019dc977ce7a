import { undocumentedSettings } from '@gatehouse/shared-testing';

import { dashboardConfigSchema } from './dashboard.config';

describe('dashboard configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    expect(undocumentedSettings('dashboard', dashboardConfigSchema)).toEqual([]);
  });
});
