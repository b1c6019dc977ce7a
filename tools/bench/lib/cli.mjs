// The benchmarks' command line: `--name value` options and bare `--name` flags.
const args = process.argv.slice(2);

/** The value after `--name`, else the environment variable `envName` when one is named, else `fallback`. */
export function option(name, fallback, envName) {
  const index = args.indexOf(`--${name}`);
  if (index !== -1) return args[index + 1];
  return envName === undefined ? fallback : (process.env[envName] ?? fallback);
}

export const flag = (name) => args.includes(`--${name}`);

/** A number option (see `option`) that must be positive; fails with its flag and variable names otherwise. */
export function positive(name, envName, fallback) {
  const value = Number(option(name, fallback, envName));
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} (${envName}) must be a positive number`);
  return value;
}
