// node tools/release/package-app.mjs <app> [<folder>]: writes the packaged tree of the built
// dist/apps/<app> to <folder> (default dist/release/<app>; see package.sh, which builds first). The tree
// is assembled in a scratch folder beside it and renamed into place, so a reader never sees half a tree.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { requiredPackages } from './bundle-requires.mjs';
import { dependencyClosure } from './lock-closure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function javascriptFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Files no running app reads: TypeScript sources and declarations (Node runs JavaScript), source maps of
 * dependencies, and documentation other than licence texts. Leaving them out shrinks every tree by about
 * 40 % of its files.
 */
const NOT_RUN = /\.(d\.[cm]?ts|[cm]?ts|map)$|\.(md|markdown)$/i;
const LICENCE = /^(licen[cs]e|notice|copying)/i;

function neededAtRunTime(path) {
  const name = basename(path);
  return LICENCE.test(name) || !NOT_RUN.test(name);
}

/**
 * Copies one package's folder without its nested node_modules (those are closure entries of their own)
 * and without what no running app reads.
 */
function copyPackage(location, target, pinnedVersion) {
  const source = join(root, location);
  const manifest = join(source, 'package.json');
  const installed = existsSync(manifest) ? readJson(manifest).version : undefined;
  if (installed !== pinnedVersion) {
    throw new Error(
      `${location} is ${installed ?? 'not installed'}, package-lock.json pins ${pinnedVersion}: run npm ci`,
    );
  }
  const nested = join(source, 'node_modules');
  cpSync(source, join(target, location), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (path) => path !== nested && !path.startsWith(nested + sep) && neededAtRunTime(path),
  });
}

function directorySize(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** The dashboard's image serves the web console from `console/` beside main.js (GATEHOUSE_DASHBOARD_CONSOLE_DIR). */
function copyConsole(target) {
  const built = join(root, 'dist', 'apps', 'console');
  if (!existsSync(join(built, 'index.html'))) {
    throw new Error(`${relative(root, built)}/index.html is missing: build it (npx nx build console)`);
  }
  // The build manifest is read by the bundle budget check, never by a browser.
  cpSync(built, target, { recursive: true, filter: (path) => !path.includes(`${sep}.vite`) });
}

function packageApp(app, target) {
  const built = join(root, 'dist', 'apps', app);
  if (!existsSync(join(built, 'main.js'))) {
    throw new Error(`${relative(root, built)}/main.js is missing: build it (npx nx build ${app})`);
  }
  const lock = readJson(join(root, 'package-lock.json'));
  const direct = requiredPackages(javascriptFiles(built).map((file) => readFileSync(file, 'utf8')));
  const undeclared = direct.filter((name) => !lock.packages[''].dependencies?.[name]);
  if (undeclared.length > 0) {
    throw new Error(
      `the ${app} bundle requires ${undeclared.join(', ')}: add them to package.json dependencies`,
    );
  }
  const closure = dependencyClosure(lock, direct);

  const scratch = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(built, scratch, { recursive: true });
  if (app === 'dashboard') copyConsole(join(scratch, 'console'));
  for (const location of closure) copyPackage(location, scratch, lock.packages[location].version);
  const rootManifest = readJson(join(root, 'package.json'));
  const manifest = {
    name: `gatehouse-${app}`,
    version: rootManifest.version,
    private: true,
    license: rootManifest.license,
    description: `Gatehouse ${app}: the bundle and the production packages it requires (tools/release/package.sh).`,
    main: 'main.js',
    engines: rootManifest.engines,
    dependencies: Object.fromEntries(
      direct.map((name) => [name, lock.packages[`node_modules/${name}`].version]),
    ),
  };
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(scratch, target);

  const megabytes = (directorySize(target) / 1024 / 1024).toFixed(1);
  console.log(
    `${target.startsWith(root) ? relative(root, target) : target}: bundle + ${closure.length} packages (${direct.length} required directly), ${megabytes} MB`,
  );
}

const [app, folder] = process.argv.slice(2);
if (!['dashboard', 'bridge', 'gateway', 'pump'].includes(app ?? '')) {
  console.error('usage: node tools/release/package-app.mjs <dashboard|bridge|gateway|pump> [<folder>]');
  process.exit(2);
}
try {
  packageApp(app, resolve(folder ?? join(root, 'dist', 'release', app)));
} catch (error) {
  console.error(`package ${app}: ${error.message}`);
  process.exit(1);
}
