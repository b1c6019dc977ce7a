import type { RoutedApi, TykDocument } from '@gatehouse/gateway-core';

import type { CompiledApis } from './change-compiler';
import { PolicyDependants } from './policy-dependants';

/**
 * Compiled APIs by the source document they came from, held weakly: a document its source dropped
 * takes its entry with it. Chains that hold sessions built from policies (JWT) are not kept: they are
 * recompiled whenever policies change, so their document alone does not say they are current.
 */
export class CompiledByDocument<R extends RoutedApi> implements CompiledApis<R> {
  private readonly byDocument = new WeakMap<TykDocument, R>();

  get(document: TykDocument): R | undefined {
    return this.byDocument.get(document);
  }

  set(document: TykDocument, api: R): void {
    if (!PolicyDependants.dependsOnPolicies(api)) this.byDocument.set(document, api);
  }
}
