import { settingVariables } from '@gatehouse/shared-config';
import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { pumpConfigSchema } from './pump.config';

describe('pump configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
    const undocumented = settingVariables('pump', pumpConfigSchema).filter(
      (name) => !docs.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });
});
