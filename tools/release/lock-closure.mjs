// The production dependency closure of a set of packages, read from package-lock.json (v2/v3 `packages`
// map), with node's resolution rules: a package's dependency is the nearest `node_modules/<name>` above
// its own location. Nothing is resolved from disk, so the closure is what the lock pins, not whatever
// happens to be installed.

/** The folder above `location` whose node_modules is searched next ('' is the workspace root). */
function parentOf(location) {
  const index = location.lastIndexOf('/node_modules/');
  return index === -1 ? '' : location.slice(0, index);
}

/** The lock location `name` resolves to from a package at `from`, or undefined. */
function resolveLocation(packages, from, name) {
  for (let base = from; ; base = parentOf(base)) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
  }
}

/** What a package needs at run time: its dependencies, and peers it does not mark optional. */
function runtimeNeeds(entry) {
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({
      name,
      optional: optionalPeers[name]?.optional === true,
    })),
  ];
}

/**
 * Every lock location the packages `roots` need, roots included, sorted. Throws naming the package when
 * a root is missing from the lock or is a devDependency, or when a required dependency has no entry.
 */
export function dependencyClosure(lock, roots) {
  const packages = lock.packages;
  if (!packages) throw new Error('package-lock.json has no "packages" map (lockfileVersion 2 or 3 needed)');
  const found = new Set();
  const pending = roots.map((name) => {
    const location = resolveLocation(packages, '', name);
    if (!location) throw new Error(`the bundle requires ${name}, which package-lock.json does not hold`);
    if (packages[location].dev) throw new Error(`the bundle requires ${name}, a devDependency`);
    return location;
  });
  while (pending.length > 0) {
    const location = pending.pop();
    if (found.has(location)) continue;
    found.add(location);
    for (const need of runtimeNeeds(packages[location])) {
      const resolved = resolveLocation(packages, location, need.name);
      if (resolved) pending.push(resolved);
      else if (!need.optional)
        throw new Error(`${location} needs ${need.name}, which the lock does not hold`);
    }
  }
  return [...found].sort();
}
