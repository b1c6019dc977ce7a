import { settingVariables } from '@gatehouse/shared-config';
import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { dashboardConfigSchema } from './dashboard.config';

describe('dashboard configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
    const undocumented = settingVariables('dashboard', dashboardConfigSchema).filter(
      (name) => !docs.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });
});
