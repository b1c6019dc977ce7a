import { compileApiSpec } from '@gatehouse/gateway-core';
import { assertWithinDocumentLimits, documentLimits, InvalidInputError } from '@gatehouse/shared-kernel';
import { policySchema } from '@gatehouse/shared-tyk-compat';

import type { DefinitionKind } from './definition.service';

/** The control plane's limits per document kind, so one write cannot cost a gateway unbounded work. */
export const DOCUMENT_LIMITS = documentLimits();

export const API_KIND: DefinitionKind = {
  label: 'API',
  config: 'api',
  mismatchMessage: 'Request APIID does not match that in Definition! For Update operations these must match.',
  validate: (document) => {
    assertWithinDocumentLimits(document, DOCUMENT_LIMITS.api);
    try {
      return compileApiSpec(document).apiId;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const reasons = error.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
      throw new InvalidInputError(error.issues, `Validation of API Definition failed. Reason: ${reasons}.`);
    }
  },
};

export const POLICY_KIND: DefinitionKind = {
  label: 'Policy',
  config: 'policy',
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
