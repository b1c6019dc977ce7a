import { settingVariables } from '@gatehouse/shared-config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

import { repoRoot } from './repo-root';

/** Settings of `app` that docs/configuration.md does not mention (as `VARIABLE` in backticks). */
export function undocumentedSettings(app: string, schema: z.ZodObject): string[] {
  const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
  return settingVariables(app, schema).filter((name) => !docs.includes(`\`${name}\``));
}
