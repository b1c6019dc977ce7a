import { ApiSpec, compileApiSpec, Registry, RoutedApi, TykDocument } from '@gatehouse/gateway-core';
import { ConflictError, InvalidInputError } from '@gatehouse/shared-kernel';
import { Policy, policySchema } from '@gatehouse/shared-tyk-compat';

import type { ConfigKind } from './config-source';
import { TimeSlicer } from './yield-slices';

/** Builds what the proxy serves for one API (its chain of stages, balancer, breakers). */
export type ApiCompiler<R extends RoutedApi> = (spec: ApiSpec) => R;

/**
 * APIs compiled before, by the document object they were compiled from: a full build serves the same
 * compiled API again for a document its source did not replace, instead of validating and compiling
 * it anew (a reload of 10,000 unchanged APIs then allocates next to nothing, and what an API holds
 * across requests, its breakers and balancer, carries over).
 */
export interface CompiledApis<R extends RoutedApi> {
  get(document: TykDocument): R | undefined;
  set(document: TykDocument, api: R): void;
}

export interface EntityChange {
  kind: ConfigKind;
  id: string;
  document?: TykDocument;
}

/**
 * A change checked against the registry it will go into, ready to commit: compiling happened here,
 * so committing is a few map writes and cannot fail.
 */
export interface PreparedChange<R extends RoutedApi> {
  commit(registry: Registry<R>): void;
  /** Set when the API is kept out of service on purpose (Tyk serves no inactive API): log, not error. */
  skipped?: string;
  /** The host and listen path an API change puts into service, as one string (see routeKey). */
  route?: string;
}

/** One string per route an API can claim: two changes applied together must not claim the same one. */
const routeKey = (spec: ApiSpec): string => `${spec.domain}\n${spec.listenPath}`;

function parsePolicy(document: TykDocument): Policy {
  const parsed = policySchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

function prepareApi<R extends RoutedApi>(
  change: EntityChange & { document: TykDocument },
  registry: Registry<R>,
  compile: ApiCompiler<R>,
  compiled?: CompiledApis<R>,
): PreparedChange<R> {
  const reused = compiled?.get(change.document);
  if (reused?.spec.apiId === change.id) {
    assertRouteFree(registry, reused.spec);
    return { commit: (target) => target.putApi(reused), route: routeKey(reused.spec) };
  }
  const spec = compileApiSpec(change.document);
  if (spec.apiId !== change.id)
    throw new InvalidInputError([
      { path: 'api_id', message: `expected "${change.id}", found "${spec.apiId}"` },
    ]);
  if (!spec.active) {
    return {
      commit: (target) => target.removeApi(spec.apiId),
      skipped: `API ${spec.apiId} is not active ("active": true is needed to serve it)`,
    };
  }
  assertRouteFree(registry, spec);
  const api = compile(spec);
  compiled?.set(change.document, api);
  return { commit: (target) => target.putApi(api), route: routeKey(spec) };
}

function assertRouteFree(registry: Registry<RoutedApi>, spec: ApiSpec): void {
  const owner = registry.routeOwner(spec.domain, spec.listenPath);
  if (owner !== undefined && owner !== spec.apiId)
    throw new ConflictError(`listen path ${spec.listenPath || '/'} is already used by API ${owner}`);
}

/**
 * Checks and compiles one entity change against a registry, costing O(that entity): an invalid
 * document throws InvalidInputError naming its fields, a listen path another API holds ConflictError.
 */
export function prepareChange<R extends RoutedApi>(
  change: EntityChange,
  registry: Registry<R>,
  compile: ApiCompiler<R>,
  compiled?: CompiledApis<R>,
): PreparedChange<R> {
  const { document } = change;
  if (change.kind === 'api') {
    if (document) return prepareApi({ ...change, document }, registry, compile, compiled);
    return { commit: (target) => target.removeApi(change.id) };
  }
  if (!document) return { commit: (target) => target.removePolicy(change.id) };
  const policy = parsePolicy(document);
  return { commit: (target) => target.putPolicy(policy) };
}

/** `<origin>: <field>: <problem>` lines, as a refused reload reports them. */
export function describeFailure(origin: string, error: unknown): string[] {
  if (error instanceof InvalidInputError)
    return error.issues.map((issue) => `${origin}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  return [`${origin}: ${(error as Error).message}`];
}

/**
 * Checks and compiles changes that are to be committed together, against the registry as it is,
 * handing the event loop back every `sliceMs`. Undefined when any would be refused, or two would claim
 * one route: whether the set can be served then depends on their order, which a full build settles.
 */
export async function prepareTogether<R extends RoutedApi>(
  changes: readonly EntityChange[],
  registry: Registry<R>,
  compile: ApiCompiler<R>,
  options: { compiled?: CompiledApis<R>; sliceMs: number },
): Promise<PreparedChange<R>[] | undefined> {
  const prepared: PreparedChange<R>[] = [];
  const routes = new Set<string>();
  const slicer = new TimeSlicer(options.sliceMs);
  for (const change of changes) {
    let one: PreparedChange<R>;
    try {
      one = prepareChange(change, registry, compile, options.compiled);
    } catch {
      return undefined;
    }
    if (one.route !== undefined) {
      if (routes.has(one.route)) return undefined;
      routes.add(one.route);
    }
    prepared.push(one);
    await slicer.maybeYield();
  }
  return prepared;
}
