import {
  compilePathPattern,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';
import { LinearRegex, PatternSyntaxError } from '@gatehouse/shared-kernel';
import type { AllowedUrl } from '@gatehouse/shared-tyk-compat';

import { accessFor, listsAnyApi } from './access-lookup';

const patternCache = new Map<string, LinearRegex | undefined>();

/** A key's allowed URL as a pattern; undefined (never matching) when it is not valid RE2. */
function patternOf(url: string): LinearRegex | undefined {
  if (patternCache.has(url)) return patternCache.get(url);
  let pattern: LinearRegex | undefined;
  try {
    pattern = compilePathPattern(url);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
  }
  if (patternCache.size > 10_000) patternCache.clear();
  patternCache.set(url, pattern);
  return pattern;
}

/** Allowed URLs may be written relative to the listen path or as full paths; either matches. */
function urlAllowed(allowed: readonly AllowedUrl[], fullPath: string, path: string, method: string): boolean {
  return allowed.some((entry) => {
    const pattern = patternOf(entry.url);
    const methodOk = entry.methods.length === 0 || entry.methods.some((m) => m.toUpperCase() === method);
    return methodOk && pattern !== undefined && (pattern.test(path) || pattern.test(fullPath));
  });
}

/**
 * Tyk's AccessRightsCheck and GranularAccess: a key with access rights may call only the APIs, versions
 * and (if listed) paths and methods they name. A key without any access rights is a master key and
 * passes, as in Tyk (creating one needs `allow_master_keys`).
 */
export class AccessRightsStage implements Stage {
  readonly name = 'access-rights';

  run(ctx: RequestContext): StageResult {
    const session = ctx.session;
    if (!session) return undefined;
    if (!listsAnyApi(session)) return undefined;
    const spec = ctx.spec;
    const access = accessFor(session, spec.apiId);
    if (!access) return reject(TYK_ERRORS.apiNotAllowed);
    if (
      spec.versioning?.versioned &&
      access.versions.length > 0 &&
      !access.versions.includes(ctx.version.name)
    ) {
      return reject(TYK_ERRORS.apiNotAllowed);
    }
    if (access.allowed_urls.length > 0) {
      const fullPath = spec.listenPath + ctx.path;
      if (!urlAllowed(access.allowed_urls, fullPath, ctx.path, ctx.method))
        return reject(TYK_ERRORS.resourceNotAllowed);
    }
    return undefined;
  }
}
