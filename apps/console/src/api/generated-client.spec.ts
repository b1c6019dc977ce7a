/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The console's API types must be generated from the committed OpenAPI document, so they cannot drift from the API.
describe('generated API client', () => {
  it('matches a fresh generation from docs/openapi/dashboard.json', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const run = spawnSync(process.execPath, [join(root, 'apps/console/generate-client.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
