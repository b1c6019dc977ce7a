/** `shutdownTimeoutMs` -> `SHUTDOWN_TIMEOUT_MS`. */
export function toEnvSegment(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** The environment variable that sets the config value at `path` for `app`: GATEHOUSE_<APP>_<PATH>. */
export function envNameFor(app: string, path: readonly string[]): string {
  return [envPrefixFor(app).slice(0, -1), ...path.map(toEnvSegment)].join('_');
}

export function envPrefixFor(app: string): string {
  return `GATEHOUSE_${toEnvSegment(app)}_`;
}
