import { settingVariables } from '@gatehouse/shared-config';
import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { gatewayConfigSchema } from './gateway.config';

describe('gateway configuration', () => {
  it('documents every setting in docs/configuration.md', () => {
    const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
    const undocumented = settingVariables('gateway', gatewayConfigSchema).filter(
      (name) => !docs.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });
});
