import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { envNameFor, envPrefixFor } from './env-names';
import { convertEnvValue, schemaLeaves, undeclaredPaths } from './schema-leaves';

export type Environment = Record<string, string | undefined>;

/** A configuration that failed validation; `problems` names each bad key with its environment variable. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`invalid ${app} configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig<T> {
  config: T;
  /**
   * Variables with the app's prefix that match no setting, and config-file keys the schema does not
   * declare: probably typos or features we do not have, so worth a log line, not a refusal.
   */
  warnings: string[];
}

export interface LoadConfigOptions {
  /**
   * A second, lower-priority family of variables for the same settings, e.g. Tyk's `TYK_GW_LISTENPORT`:
   * `prefix` plus each path segment passed through `segment`, joined by `_`.
   */
  legacyEnv?: { prefix: string; segment: (key: string) => string };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    node[segment] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function readConfigFile(app: string, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(app, [`${envNameFor(app, ['configFile'])}: cannot read ${file}: ${String(error)}`]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the top level must be a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(app, [`${file}: not valid JSON config: ${(error as Error).message}`]);
  }
}

/** `<NAME>_FILE` names a file holding the value of `<NAME>`, as Kubernetes and compose mount secrets. */
const FILE_SUFFIX = '_FILE';

/**
 * The value of `name` from the file `fileName` names, without its final line break; undefined when
 * `fileName` is unset. Problems (both set, unreadable file) are collected, never the value itself.
 */
function readValueFile(
  env: Environment,
  name: string,
  fileName: string,
  problems: string[],
): string | undefined {
  const file = env[fileName];
  if (file === undefined) return undefined;
  if (env[name] !== undefined) {
    problems.push(`${name} and ${fileName} are both set: set one of them`);
    return undefined;
  }
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    problems.push(
      `${fileName}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return undefined;
  }
}

/**
 * Reads `app`'s configuration once at boot: the optional JSON file named by GATEHOUSE_<APP>_CONFIG_FILE,
 * overridden key by key by GATEHOUSE_<APP>_<PATH> variables (or GATEHOUSE_<APP>_<PATH>_FILE, naming a file
 * that holds the value), validated against `schema`.
 * Throws {@link ConfigError} listing every bad key, so one failed start shows all mistakes at once.
 */
export function loadConfig<S extends z.ZodObject>(
  app: string,
  schema: S,
  env: Environment = process.env,
  options: LoadConfigOptions = {},
): LoadedConfig<z.output<S>> {
  const fileVariable = envNameFor(app, ['configFile']);
  const file = env[fileVariable];
  const input: Record<string, unknown> = file ? readConfigFile(app, file) : {};
  const warnings = undeclaredPaths(schema, input).map(
    (path) => `${file}: "${path}" is not supported and was ignored`,
  );
  const leaves = schemaLeaves(schema);
  const leafNames = new Set(leaves.map((leaf) => envNameFor(app, leaf.path)));
  const known = new Set<string>([fileVariable, ...leafNames]);
  const problems: string[] = [];
  for (const leaf of leaves) {
    const name = envNameFor(app, leaf.path);
    // <NAME>_FILE, unless that names a setting of its own (a `certFile` beside a `cert`) or the config file.
    const candidate = `${name}${FILE_SUFFIX}`;
    const fileName = leafNames.has(candidate) || candidate === fileVariable ? undefined : candidate;
    if (fileName) known.add(fileName);
    const legacy = options.legacyEnv
      ? [options.legacyEnv.prefix.replace(/_$/, ''), ...leaf.path.map(options.legacyEnv.segment)].join('_')
      : undefined;
    const fromFile = fileName ? readValueFile(env, name, fileName, problems) : undefined;
    const raw = fromFile ?? env[name] ?? (legacy ? env[legacy] : undefined);
    if (raw !== undefined) setPath(input, leaf.path, convertEnvValue(raw, leaf.kind));
  }
  if (problems.length > 0) throw new ConfigError(app, problems);
  const prefix = envPrefixFor(app);
  warnings.push(
    ...Object.keys(env)
      .filter((name) => name.startsWith(prefix) && !known.has(name))
      .map((name) => `${name} is not a ${app} setting and was ignored`),
  );

  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      return `${path.join('.') || '(root)'} (${envNameFor(app, path)}): ${issue.message}`;
    });
    throw new ConfigError(app, problems);
  }
  return { config: result.data, warnings };
}

/** Every environment variable `app` reads for `schema`, in schema order (for docs and their checks). */
export function settingVariables(app: string, schema: z.ZodObject): string[] {
  return [envNameFor(app, ['configFile']), ...schemaLeaves(schema).map((leaf) => envNameFor(app, leaf.path))];
}
