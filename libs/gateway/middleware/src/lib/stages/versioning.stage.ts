import {
  ApiSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
  VersioningSpec,
} from '@gatehouse/gateway-core';

function requestedVersion(ctx: RequestContext, versioning: VersioningSpec): string {
  switch (versioning.location) {
    case 'header':
      return ctx.header(versioning.key.toLowerCase()) ?? '';
    case 'url-param':
      return new URLSearchParams(ctx.query).get(versioning.key) ?? '';
    case 'url': {
      const segment = ctx.path.split('/')[1] ?? '';
      return segment;
    }
  }
}

/** Tyk's VersionCheck: picks the API version from a header, query parameter or first path segment. */
export class VersioningStage implements Stage {
  readonly name = 'versioning';

  constructor(
    private readonly spec: ApiSpec,
    private readonly versioning: VersioningSpec,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestContext): StageResult {
    let name = requestedVersion(ctx, this.versioning);
    let found = name ? this.spec.versions.get(name) : undefined;
    if (found && this.versioning.location === 'url' && this.versioning.stripVersion) {
      const rest = ctx.path.slice(name.length + 1);
      ctx.path = rest === '' ? '/' : rest;
    }
    if (!found && this.versioning.defaultVersion) {
      name = this.versioning.defaultVersion;
      found = this.spec.versions.get(name);
    }
    if (!found) return reject(TYK_ERRORS.versionNotFound);
    if (found.expiresAt !== undefined && found.expiresAt < this.now())
      return reject(TYK_ERRORS.versionExpired);
    ctx.version = found;
    return undefined;
  }
}
