import { settingVariables } from '@gatehouse/shared-config';
import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { bridgeConfigSchema } from './bridge.config';

describe('bridge configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
    const undocumented = settingVariables('bridge', bridgeConfigSchema).filter(
      (name) => !docs.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });
});
