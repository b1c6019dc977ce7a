import { Registry, RoutedApi } from '@gatehouse/gateway-core';

import { ApiCompiler, CompiledApis, describeFailure, prepareChange } from './change-compiler';
import { AppliedDocuments } from './applied-documents';
import type { ConfigSnapshot } from './config-source';
import { PolicyDependants } from './policy-dependants';
import { TimeSlicer } from './yield-slices';

export interface FullBuild<R extends RoutedApi> {
  /** Absent when anything was invalid (unless the build is partial): the caller keeps what it has. */
  registry?: Registry<R>;
  errors: string[];
  /** APIs not served on purpose (inactive): logged, not errors. */
  skipped: string[];
  /** The documents the registry was built from (refused ones left out). */
  applied: AppliedDocuments;
  /** Its APIs whose chains depend on policies. */
  dependants: PolicyDependants;
}

/**
 * Compiles a whole snapshot into a new registry, policies first, yielding the event loop every
 * `sliceMs` so a build of 10,000 APIs never stalls requests for long. Entities go through the same
 * prepareChange as single changes, so a full build and a sequence of changes produce the same registry.
 * A `partial` build leaves out what is invalid and keeps the rest.
 */
export async function buildFromSnapshot<R extends RoutedApi>(
  snapshot: ConfigSnapshot,
  compile: ApiCompiler<R>,
  options: { sliceMs: number; partial: boolean; compiled?: CompiledApis<R> },
): Promise<FullBuild<R>> {
  const registry = Registry.empty<R>();
  const errors = [...snapshot.errors];
  const skipped: string[] = [];
  // Kept as entries go in, in the slices: afterwards they were passes of their own over 10,000 APIs,
  // run in one go right after the swap.
  const applied = new AppliedDocuments();
  const dependants = new PolicyDependants();
  const slicer = new TimeSlicer(options.sliceMs);
  const ordered = [
    ...snapshot.entries.filter((entry) => entry.kind === 'policy'),
    ...snapshot.entries.filter((entry) => entry.kind === 'api'),
  ];
  await slicer.maybeYield();
  for (const entry of ordered) {
    try {
      const prepared = prepareChange(entry, registry, compile, options.compiled);
      if (prepared.skipped) skipped.push(`${entry.origin}: ${prepared.skipped}`);
      prepared.commit(registry);
      applied.record(entry.kind, entry.id, entry.document);
      if (entry.kind === 'api') dependants.track(entry.id, registry.api(entry.id));
    } catch (error) {
      errors.push(...describeFailure(entry.origin, error));
    }
    await slicer.maybeYield();
  }
  return errors.length > 0 && !options.partial
    ? { errors, skipped, applied, dependants }
    : { registry, errors, skipped, applied, dependants };
}
