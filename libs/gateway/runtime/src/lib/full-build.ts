import { Registry, RoutedApi } from '@gatehouse/gateway-core';

import { ApiCompiler, CompiledApis, describeFailure, prepareChange } from './change-compiler';
import type { ConfigEntry, ConfigSnapshot } from './config-source';
import { TimeSlicer } from './yield-slices';

export interface FullBuild<R extends RoutedApi> {
  /** Absent when anything was invalid (unless the build is partial): the caller keeps what it has. */
  registry?: Registry<R>;
  errors: string[];
  /** APIs not served on purpose (inactive): logged, not errors. */
  skipped: string[];
  /** The entries the registry was built from, in the order they went in (refused ones left out). */
  applied: ConfigEntry[];
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
  const applied: ConfigEntry[] = [];
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
      applied.push(entry);
    } catch (error) {
      errors.push(...describeFailure(entry.origin, error));
    }
    await slicer.maybeYield();
  }
  return errors.length > 0 && !options.partial
    ? { errors, skipped, applied }
    : { registry, errors, skipped, applied };
}
