import type { DocumentStore, Reloader, TykDocument } from '@gatehouse/gateway-core';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';

export interface DefinitionKind {
  /** "API" or "Policy", as in Tyk's messages ("API not found"). */
  label: string;
  /** Validates a document, throwing InvalidInputError naming bad fields; returns its id. */
  validate(document: TykDocument): string;
  /** Extra checks against the other documents (e.g. listen-path clashes). */
  conflicts?(document: TykDocument, others: TykDocument[]): string | undefined;
  mismatchMessage: string;
}

function asDocument(body: unknown): TykDocument {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '', message: 'the request body must be a JSON object' }]);
  }
  return body as TykDocument;
}

/**
 * Create, read, update and delete of Tyk documents behind the Gateway API. Every write is validated
 * first (nothing invalid is stored), then applied by a hot reload; if the reload refuses the new set,
 * the write is rolled back and the error returned, so the store never holds what the gateway rejected.
 */
export class DefinitionService {
  constructor(
    private readonly kind: DefinitionKind,
    private readonly store: DocumentStore,
    private readonly reloader: Reloader,
    private readonly readOnlyReason?: string,
  ) {}

  list(): Promise<TykDocument[]> {
    return this.store.list();
  }

  async get(id: string): Promise<TykDocument> {
    const found = await this.store.get(id);
    if (!found) throw new NotFoundError(`${this.kind.label} not found`);
    return found;
  }

  async create(body: unknown): Promise<string> {
    this.assertWritable();
    const document = asDocument(body);
    const id = this.kind.validate(document);
    const others = await this.store.list();
    if (others.some((other) => this.idOf(other) === id))
      throw new ConflictError(`${this.kind.label} already exists`);
    this.assertNoConflict(document, others);
    await this.apply(id, document, undefined);
    return id;
  }

  async update(id: string, body: unknown): Promise<void> {
    this.assertWritable();
    const document = asDocument(body);
    if (this.kind.validate(document) !== id)
      throw new InvalidInputError([{ path: 'id', message: this.kind.mismatchMessage }]);
    const previous = await this.store.get(id);
    if (!previous) throw new NotFoundError(`${this.kind.label} not found`);
    this.assertNoConflict(
      document,
      (await this.store.list()).filter((other) => this.idOf(other) !== id),
    );
    await this.apply(id, document, previous);
  }

  async delete(id: string): Promise<void> {
    this.assertWritable();
    const previous = await this.store.get(id);
    if (!previous || !(await this.store.delete(id))) throw new NotFoundError(`${this.kind.label} not found`);
    const result = await this.reloader.reload();
    if (!result.ok) {
      await this.store.save(id, previous);
      throw new InvalidInputError(result.errors.map((message) => ({ path: '', message })));
    }
  }

  private async apply(id: string, document: TykDocument, previous: TykDocument | undefined): Promise<void> {
    await this.store.save(id, document);
    const result = await this.reloader.reload();
    if (result.ok) return;
    if (previous) await this.store.save(id, previous);
    else await this.store.delete(id);
    await this.reloader.reload();
    throw new InvalidInputError(result.errors.map((message) => ({ path: '', message })));
  }

  private idOf(document: TykDocument): string {
    try {
      return this.kind.validate(document);
    } catch {
      return '';
    }
  }

  private assertNoConflict(document: TykDocument, others: TykDocument[]): void {
    const conflict = this.kind.conflicts?.(document, others);
    if (conflict) throw new ConflictError(conflict);
  }

  private assertWritable(): void {
    if (this.readOnlyReason) throw new ForbiddenError(this.readOnlyReason);
  }
}
