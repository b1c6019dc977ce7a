import { ApiSpec, compileApiSpec, Registry, TykDocument } from '@gatehouse/gateway-core';
import { buildChain, ChainDependencies } from '@gatehouse/gateway-middleware';
import { CompiledApi, compileApi } from '@gatehouse/gateway-proxy';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import { Policy, policySchema } from '@gatehouse/shared-tyk-compat';

export interface SourcedDocument {
  /** Where it came from, for error messages: a file path, or "bridge". */
  source: string;
  document: TykDocument;
}

export interface BuiltRegistry {
  registry?: Registry<CompiledApi>;
  /** Definitions not served because Tyk would not serve them either (not active); logged, not errors. */
  skipped: string[];
  errors: string[];
}

function describe(source: string, error: unknown): string[] {
  if (error instanceof InvalidInputError) {
    return error.issues.map((issue) => `${source}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  }
  return [`${source}: ${(error as Error).message}`];
}

/**
 * Compiles every definition and policy into a registry. Any invalid document refuses the whole build,
 * with every problem listed, so the caller keeps serving the previous registry.
 */
export function buildRegistry(
  apis: SourcedDocument[],
  policies: SourcedDocument[],
  chainDeps: ChainDependencies,
): BuiltRegistry {
  const errors: string[] = [];
  const skipped: string[] = [];
  const specs: ApiSpec[] = [];
  const seen = new Map<string, string>();
  for (const { source, document } of apis) {
    try {
      const spec = compileApiSpec(document);
      if (!spec.definition.active) {
        skipped.push(`${source}: API ${spec.apiId} is not active ("active": true is needed to serve it)`);
        continue;
      }
      const route = `${spec.domain}|${spec.listenPath}`;
      const clash = seen.get(route);
      if (clash)
        errors.push(`${source}: listen path ${spec.listenPath || '/'} is already used by API ${clash}`);
      seen.set(route, spec.apiId);
      specs.push(spec);
    } catch (error) {
      errors.push(...describe(source, error));
    }
  }
  const policyMap = new Map<string, Policy>();
  for (const { source, document } of policies) {
    const parsed = policySchema.safeParse(document);
    if (parsed.success) policyMap.set(parsed.data.id, parsed.data);
    else
      errors.push(
        ...describe(
          source,
          new InvalidInputError(
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          ),
        ),
      );
  }
  if (errors.length > 0) return { errors, skipped };
  const compiled = specs.map((spec) => compileApi(spec, buildChain(spec, chainDeps)));
  return { registry: new Registry(compiled, policyMap), skipped, errors };
}
