import type { TykDocument } from '@gatehouse/gateway-core';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import { isTykOas, newKeyId, oasApiId } from '@gatehouse/shared-tyk-compat';

import { OAS_API_KIND } from './definition-kinds';
import type { DefinitionService } from './definition.service';

const X_TYK = 'x-tyk-api-gateway';

/** Tyk's words (apidef/api_definitions.go, gateway/api.go), each answered with 400. */
const OAS_MESSAGES = {
  malformed: 'request malformed',
  noExtension: 'the payload should contain x-tyk-api-gateway',
  classicStored: 'the requested API definition is in Tyk classic format, please use old api endpoint',
  notMigrated: 'the supplied API definition is in OAS format, please use the Tyk classic format for this API',
  mismatch: OAS_API_KIND.mismatchMessage,
} as const;

function refuse(message: string, path = ''): never {
  throw new InvalidInputError([{ path, message }]);
}

function object(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** What Tyk's OpenAPI loader accepts as a document: a JSON object. */
function oasBody(body: unknown): TykDocument {
  return (object(body) as TykDocument | undefined) ?? refuse(OAS_MESSAGES.malformed);
}

/** A create or update body: Tyk requires the extension before anything else is looked at. */
function withExtension(body: unknown): TykDocument {
  const document = oasBody(body);
  if (!isTykOas(document)) refuse(OAS_MESSAGES.noExtension, X_TYK);
  return document;
}

/** As Tyk's handleAddApi: an empty `info.id` gets a fresh id (uuid.NewHex, as key ids), written back. */
function withId(document: TykDocument): TykDocument {
  const extension = object(document[X_TYK]);
  const info = object(extension?.['info']);
  if (oasApiId(document) || !extension || !info) return document;
  return { ...document, [X_TYK]: { ...extension, info: { ...info, id: newKeyId() } } };
}

/** The document with its extension removed, as Tyk's `mode=public` export gives it. */
export function publicOas(document: TykDocument): TykDocument {
  return Object.fromEntries(Object.entries(document).filter(([field]) => field !== X_TYK));
}

/**
 * Tyk's /tyk/apis/oas routes over the API definitions: only Tyk OAS APIs are read or updated here, and
 * each check runs in Tyk's order (extension, then existence, then format, then id) before the shared
 * definition service validates ("Validation of API Definition failed. Reason: …") and applies the write.
 */
export class OasApiService {
  constructor(private readonly apis: DefinitionService) {}

  list(): TykDocument[] {
    return this.apis.list().filter(isTykOas);
  }

  get(id: string): TykDocument {
    const stored = this.apis.get(id);
    return isTykOas(stored) ? stored : refuse(OAS_MESSAGES.classicStored);
  }

  async create(body: unknown): Promise<string> {
    this.apis.assertWritable();
    return this.apis.create(withId(withExtension(body)));
  }

  async update(id: string, body: unknown): Promise<void> {
    this.apis.assertWritable();
    await this.replace(id, withExtension(body));
  }

  /**
   * Tyk's PATCH: a body with the extension is a PUT; one without keeps the stored extension and
   * replaces the OpenAPI part around it.
   */
  async patch(id: string, body: unknown): Promise<void> {
    this.apis.assertWritable();
    const document = oasBody(body);
    if (isTykOas(document)) return this.replace(id, document);
    const stored = this.storedOas(id);
    await this.replace(id, { ...document, [X_TYK]: stored[X_TYK] });
  }

  async delete(id: string): Promise<void> {
    // Tyk's DELETE here is its classic handler: any API, classic or OAS, goes.
    await this.apis.delete(id);
  }

  private async replace(id: string, document: TykDocument): Promise<void> {
    this.storedOas(id);
    if (oasApiId(document) !== id) refuse(OAS_MESSAGES.mismatch, `${X_TYK}.info.id`);
    await this.apis.update(id, document);
  }

  private storedOas(id: string): TykDocument {
    const stored = this.apis.get(id);
    return isTykOas(stored) ? stored : refuse(OAS_MESSAGES.notMigrated);
  }
}
