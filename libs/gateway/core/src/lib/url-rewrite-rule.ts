import { compileLinearRegex, LinearRegex } from '@gatehouse/shared-kernel';
import type { RewriteTrigger, VersionInfo } from '@gatehouse/shared-tyk-compat';

import { PathRule, pathRule } from './path-rule';

/** Where a trigger option looks, in the order Tyk checks them (gateway/mw_url_rewrite.go). */
export type TriggerSource = 'header' | 'query' | 'path' | 'meta' | 'context';

export interface TriggerOption {
  name: string;
  pattern: LinearRegex;
  /** Tyk's `reverse`: the option matches when the pattern does not (and captures nothing). */
  reverse: boolean;
}

export interface CompiledTrigger {
  /** `on: any`: the first matching group fires it; otherwise every group must match. */
  any: boolean;
  rewriteTo: string;
  groups: { source: TriggerSource; options: TriggerOption[] }[];
}

export interface RewriteRule extends PathRule {
  match: LinearRegex;
  rewriteTo: string;
  triggers: CompiledTrigger[];
}

const SOURCES: [TriggerSource, keyof RewriteTrigger['options']][] = [
  ['header', 'header_matches'],
  ['query', 'query_val_matches'],
  ['path', 'path_part_matches'],
  ['meta', 'session_meta_matches'],
  ['context', 'request_context_matches'],
];

function compileTrigger(trigger: RewriteTrigger, at: string): CompiledTrigger {
  if (trigger.options.payload_matches?.match_rx) {
    // Matching the body would mean buffering every request of the path; refused rather than ignored.
    throw new Error(`${at}.options.payload_matches: payload triggers are not supported`);
  }
  const groups = SOURCES.map(([source, field]) => {
    const options = Object.entries(
      trigger.options[field] as Record<string, { match_rx: string; reverse: boolean }>,
    );
    return {
      source,
      options: options.map(([name, option]) => ({
        name,
        pattern: compileLinearRegex(option.match_rx),
        reverse: option.reverse,
      })),
    };
  }).filter((group) => group.options.length > 0);
  return { any: trigger.on === 'any', rewriteTo: trigger.rewrite_to, groups };
}

/**
 * Tyk's url_rewrites entries: only an entry naming a method can match (an empty one never does), and
 * every pattern runs on the linear-time engine.
 */
export function compileUrlRewrites(entries: VersionInfo['extended_paths']['url_rewrites']): RewriteRule[] {
  return entries
    .filter((entry) => !entry.disabled && entry.method !== '')
    .map((entry, index) => ({
      ...pathRule(entry.path, entry.method),
      match: compileLinearRegex(entry.match_pattern),
      rewriteTo: entry.rewrite_to,
      triggers: entry.triggers.map((trigger, t) =>
        compileTrigger(trigger, `extended_paths.url_rewrites.${index}.triggers.${t}`),
      ),
    }));
}
