import type { TykDocument } from '@gatehouse/gateway-core';
import type { ConfigKind, ConfigSource, EntityChange } from '@gatehouse/gateway-runtime';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';

export interface DefinitionKind {
  /** "API" or "Policy", as in Tyk's messages ("API not found"). */
  label: string;
  config: ConfigKind;
  /** Validates a document, throwing InvalidInputError naming bad fields; returns its id. */
  validate(document: TykDocument): string;
  mismatchMessage: string;
  /** Refuses to update a stored document these routes do not own (Tyk's classic routes on an OAS API). */
  assertUpdatable?(stored: TykDocument): void;
}

/** Applies a write at once: checked against what is served (listen-path clashes), stored, then served. */
export interface DefinitionWriter {
  write(change: EntityChange): Promise<void>;
}

function asDocument(body: unknown): TykDocument {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '', message: 'the request body must be a JSON object' }]);
  }
  return body as TykDocument;
}

/**
 * Create, read, update and delete of Tyk documents behind the Gateway API. Every write is validated
 * first, then handed to the writer, which refuses what the gateway would not serve before anything is
 * stored. Each costs O(that document), whatever the number of APIs.
 */
export class DefinitionService {
  constructor(
    private readonly kind: DefinitionKind,
    private readonly source: Pick<ConfigSource, 'list' | 'get'>,
    private readonly writer: DefinitionWriter,
    private readonly readOnlyReason?: string,
  ) {}

  list(): TykDocument[] {
    return this.source.list(this.kind.config);
  }

  get(id: string): TykDocument {
    const found = this.source.get(this.kind.config, id);
    if (!found) throw new NotFoundError(`${this.kind.label} not found`);
    return found;
  }

  async create(body: unknown): Promise<string> {
    this.assertWritable();
    const document = asDocument(body);
    const id = this.kind.validate(document);
    if (this.source.get(this.kind.config, id)) throw new ConflictError(`${this.kind.label} already exists`);
    await this.writer.write({ kind: this.kind.config, id, document });
    return id;
  }

  async update(id: string, body: unknown): Promise<void> {
    this.assertWritable();
    const document = asDocument(body);
    if (this.kind.validate(document) !== id)
      throw new InvalidInputError([{ path: 'id', message: this.kind.mismatchMessage }]);
    this.kind.assertUpdatable?.(this.get(id));
    await this.writer.write({ kind: this.kind.config, id, document });
  }

  async delete(id: string): Promise<void> {
    this.assertWritable();
    this.get(id);
    await this.writer.write({ kind: this.kind.config, id });
  }

  /** Public so routes with checks of their own (Tyk OAS) refuse a read-only gateway's writes first. */
  assertWritable(): void {
    if (this.readOnlyReason) throw new ForbiddenError(this.readOnlyReason);
  }
}
