import { compileApiSpec, TykDocument } from '@gatehouse/gateway-core';
import { assertWithinDocumentLimits, documentLimits, InvalidInputError } from '@gatehouse/shared-kernel';
import { policySchema } from '@gatehouse/shared-tyk-compat';

import type { DefinitionKind } from './definition.service';

/** The control plane's limits per document kind, so one write cannot cost a gateway unbounded work. */
export const DOCUMENT_LIMITS = documentLimits();

function routeOf(document: TykDocument): string | undefined {
  try {
    const spec = compileApiSpec(document);
    return `${spec.domain}|${spec.listenPath}`;
  } catch {
    return undefined;
  }
}

export const API_KIND: DefinitionKind = {
  label: 'API',
  mismatchMessage: 'Request APIID does not match that in Definition! For Update operations these must match.',
  validate: (document) => {
    assertWithinDocumentLimits(document, DOCUMENT_LIMITS.api);
    return compileApiSpec(document).apiId;
  },
  conflicts: (document, others) => {
    const route = routeOf(document);
    const clash = others.find((other) => routeOf(other) === route);
    if (!clash) return undefined;
    const proxy = document['proxy'] as { listen_path?: string };
    return `listen path ${proxy.listen_path} is already used by API ${String(clash['api_id'])}`;
  },
};

export const POLICY_KIND: DefinitionKind = {
  label: 'Policy',
  mismatchMessage: 'Request ID does not match that in policy! For Update operations these must match.',
  validate: (document) => {
    assertWithinDocumentLimits(document, DOCUMENT_LIMITS.policy);
    const parsed = policySchema.safeParse(document);
    if (!parsed.success) {
      throw new InvalidInputError(
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
      );
    }
    return parsed.data.id;
  },
};
