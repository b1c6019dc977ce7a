import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { temporaryDirectory } from './temporary-directory';

const made: string[] = [];

// Jest runs a file's afterAll hooks in the order they were registered: the module's own (registered when
// it was imported above) runs first, so by this one every directory must be gone.
afterAll(() => {
  const left = made.filter((dir) => existsSync(dir));
  if (left.length > 0) throw new Error(`temporary directories left behind: ${left.join(', ')}`);
});

describe(temporaryDirectory.name, () => {
  it('makes a new empty directory under the OS temporary folder with the prefix', () => {
    const sut = temporaryDirectory('gatehouse-testing-');
    made.push(sut);
    expect(dirname(sut)).toBe(tmpdir());
    expect(sut).toMatch(/\/gatehouse-testing-\w{6}$/);
    expect(existsSync(sut)).toBe(true);
  });

  it('keeps it for the rest of the file, then removes it with its contents', () => {
    const sut = temporaryDirectory('gatehouse-testing-');
    made.push(sut);
    writeFileSync(join(sut, 'file.json'), '{}');
    expect(made.every((dir) => existsSync(dir))).toBe(true);
  });
});
