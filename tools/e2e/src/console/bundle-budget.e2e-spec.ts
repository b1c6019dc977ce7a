import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const BUDGET_BYTES = 300 * 1024;
const dist = join(repoRoot(), 'dist', 'apps', 'console');

function manifest(): Record<string, ManifestEntry> {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestEntry
  >;
}

/** A chunk and everything it imports statically: what the browser must fetch before it runs. */
function staticClosure(
  chunks: Record<string, ManifestEntry>,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dependency of chunks[key].imports ?? []) staticClosure(chunks, dependency, seen);
  return seen;
}

const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// The built console (npx nx build console), measured as a browser loads it.
describe('console bundle', () => {
  const chunks = manifest();
  const entry = Object.keys(chunks).find((key) => chunks[key].isEntry);
  const firstLoad = staticClosure(chunks, entry ?? '');

  it('loads in under 300 KB of gzipped JavaScript', () => {
    const bytes = [...firstLoad].reduce((total, key) => total + gzipped(chunks[key].file), 0);
    const pages = Object.keys(chunks)
      .filter((key) => chunks[key].isDynamicEntry)
      .map((key) => {
        const extra = [...staticClosure(chunks, key)].filter((dependency) => !firstLoad.has(dependency));
        return `${key.replace(/^src\/pages\//, '')} +${kib(extra.reduce((sum, k) => sum + gzipped(chunks[k].file), 0))}`;
      });
    process.stdout.write(`console first load: ${kib(bytes)} gzipped JS; lazy pages: ${pages.join(', ')}\n`);
    expect(entry).toBeDefined();
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  });

  it('loads every page lazily: the editor and the charts are not in the first load', () => {
    const firstLoadSource = [...firstLoad]
      .map((key) => readFileSync(join(dist, chunks[key].file), 'utf8'))
      .join('\n');
    const lazySource = Object.keys(chunks)
      .filter((key) => !firstLoad.has(key))
      .map((key) => readFileSync(join(dist, chunks[key].file), 'utf8'))
      .join('\n');
    // Marker strings of CodeMirror and uPlot that survive minification (their CSS class names): in the
    // build, but only in chunks loaded later.
    for (const marker of ['cm-editor', 'u-legend']) {
      expect({
        marker,
        lazy: lazySource.includes(marker),
        firstLoad: firstLoadSource.includes(marker),
      }).toEqual({
        marker,
        lazy: true,
        firstLoad: false,
      });
    }
    const lazyPages = Object.keys(chunks).filter(
      (key) => chunks[key].isDynamicEntry && key.startsWith('src/pages/'),
    );
    expect(lazyPages.length).toBeGreaterThanOrEqual(9);
  });
});
