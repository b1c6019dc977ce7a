import { compileApiSpec } from '@gatehouse/gateway-core';
import { assertWithinDocumentLimits, documentLimits, InvalidInputError } from '@gatehouse/shared-kernel';
import { isTykOas, policySchema } from '@gatehouse/shared-tyk-compat';

import type { DefinitionKind } from './definition.service';

/** The control plane's limits per document kind, so one write cannot cost a gateway unbounded work. */
export const DOCUMENT_LIMITS = documentLimits();

/** Tyk's ErrClassicAPIExpected (apidef/api_definitions.go). */
const CLASSIC_EXPECTED =
  'this API endpoint only supports Tyk Classic APIs; please use the appropriate Tyk OAS API endpoint';

/**
 * Tyk API definitions as the /tyk/apis/oas routes write them: their OasApiService checks itself, in
 * Tyk's order, that body and stored API are Tyk OAS.
 */
export const OAS_API_KIND: DefinitionKind = {
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

/**
 * The classic /tyk/apis routes: they take Tyk OAS documents too (POST /tyk/apis), but as in Tyk they
 * may not update an API stored as Tyk OAS, whose owner is /tyk/apis/oas.
 */
export const API_KIND: DefinitionKind = {
  ...OAS_API_KIND,
  assertUpdatable: (stored) => {
    if (isTykOas(stored)) throw new InvalidInputError([{ path: '', message: CLASSIC_EXPECTED }]);
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
