import { parse } from 'yaml';

import { deployFile } from './deploy-tools';

/** The parts of a compose service the checks read. */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  user?: string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  secrets?: (string | { source: string })[];
  configs?: (string | { source: string; target?: string })[];
  volumes?: (string | { source?: string })[];
  networks?: string[] | Record<string, unknown>;
  network_mode?: string;
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  command?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string }>;
  configs?: Record<string, { file?: string }>;
}

/** Variables in `${NAME}`, `${NAME:-default}` or `${NAME-default}` form (`$$` is a literal `$`). */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g;

/** The variables compose.yaml reads from the environment (or deploy/compose/.env). */
export function composeVariables(text: string): string[] {
  return [...new Set([...text.replace(/\$\$/g, '').matchAll(VARIABLE)].map((match) => match[1]))].sort();
}

/** The NAME=value lines of deploy/compose/.env.example. */
export function exampleEnvironment(): Record<string, string> {
  return Object.fromEntries(
    deployFile('compose', '.env.example')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * compose.yaml as `docker compose config` would see it with .env.example's values: variables replaced
 * (their defaults where the example leaves them empty), `$$` unescaped, YAML merge keys applied.
 */
export function interpolatedCompose(): ComposeFile {
  const env = exampleEnvironment();
  const text = deployFile('compose', 'compose.yaml')
    .replace(VARIABLE, (_, name: string, fallback?: string) => env[name] || fallback || '')
    .replace(/\$\$/g, '$');
  return parse(text, { merge: true }) as ComposeFile;
}

/** The names a service lists in a short- or long-syntax list (secrets, configs). */
export const sourcesOf = (entries: (string | { source: string })[] = []) =>
  entries.map((entry) => (typeof entry === 'string' ? entry : entry.source));

/** Named volumes a service mounts (bind mounts, which start with . or /, left out). */
export function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? [])
    .map((entry) => (typeof entry === 'string' ? entry.split(':')[0] : (entry.source ?? '')))
    .filter((source) => source !== '' && !source.startsWith('.') && !source.startsWith('/'));
}

export function networksOf(service: ComposeService): string[] {
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
}

export function dependenciesOf(service: ComposeService): string[] {
  return Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
}
