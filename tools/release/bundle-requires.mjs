// The npm packages a webpack bundle loads at run time. webpack-node-externals leaves every package in
// node_modules as a literal `require("<name>")` (dynamic `import()` included: the apps compile to
// CommonJS), so the bundle's text names them all; Node's own modules are left out.
import { builtinModules } from 'node:module';

const REQUIRE_CALL = /\brequire\("([^"./][^"]*)"\)/g;
const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Package names required by the given JavaScript sources, sorted, without Node built-ins. */
export function requiredPackages(sources) {
  const names = new Set();
  for (const source of sources) {
    for (const [, specifier] of source.matchAll(REQUIRE_CALL)) {
      if (specifier.startsWith('node:') || BUILTINS.has(packageNameOf(specifier))) continue;
      names.add(packageNameOf(specifier));
    }
  }
  return [...names].sort();
}
