import type { DocumentStore, TykDocument } from '@gatehouse/gateway-core';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LoadedFile {
  file: string;
  documents: TykDocument[];
}

/** Ids become file names, so they must not be able to leave the folder: a 400 naming the id's field. */
export function safeFileName(id: string, field = 'id'): string {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(id) || id.startsWith('.')) {
    throw new InvalidInputError([
      { path: field, message: `"${id}" cannot be used as a file name (letters, digits, . _ - only)` },
    ]);
  }
  return `${id}.json`;
}

/** Files read at once: one at a time, a loaded gateway took a minute to read 10,000 (a round trip each). */
const READS_IN_FLIGHT = 32;

type FileRead = { file: string; parsed: unknown } | { file: string; error: string };

/** Reads and parses every file, READS_IN_FLIGHT at a time, in the order given. */
async function readInParallel(files: string[]): Promise<FileRead[]> {
  const results: FileRead[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const at = next++;
      const file = files[at];
      try {
        results[at] = { file, parsed: JSON.parse(await readFile(file, 'utf8')) };
      } catch (error) {
        results[at] = { file, error: (error as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, files.length) }, worker));
  return results;
}

/**
 * A folder of JSON documents, one per file named `<id>.json` (Tyk's app_path layout). Files that hold
 * an object of documents keyed by id (Tyk's policies.json layout) are read too. Writes go to a temp
 * file renamed into place, so a reader never sees half a file.
 */
export class JsonFolderStore implements DocumentStore {
  constructor(
    private readonly folder: string,
    /** The id a document is stored under (`api_id`, a policy's `id`, a Tyk OAS API's id). */
    readonly idOf: (document: TykDocument) => string,
    private readonly isDocument: (value: TykDocument) => boolean,
    /** Read only this file of the folder (Tyk's single policies.json); writes still go to `<id>.json`. */
    private readonly onlyFile?: string,
    /** The field an id comes from, named when an id cannot be a file name. */
    private readonly idField = 'id',
  ) {}

  /** Every document with the file it came from; unreadable files are reported as errors, not skipped. */
  async readAll(): Promise<{ loaded: LoadedFile[]; errors: string[] }> {
    let names: string[];
    try {
      names = (await readdir(this.folder))
        .filter((name) => name.endsWith('.json') && (!this.onlyFile || name === this.onlyFile))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { loaded: [], errors: [] };
      throw error;
    }
    const results = await readInParallel(names.map((name) => join(this.folder, name)));
    const loaded: LoadedFile[] = [];
    const errors: string[] = [];
    for (const result of results) {
      if ('error' in result) {
        errors.push(`${result.file}: ${result.error}`);
        continue;
      }
      try {
        loaded.push({ file: result.file, documents: this.documentsIn(result.parsed) });
      } catch (error) {
        errors.push(`${result.file}: ${(error as Error).message}`);
      }
    }
    return { loaded, errors };
  }

  async list(): Promise<TykDocument[]> {
    return (await this.readAll()).loaded.flatMap((file) => file.documents);
  }

  async get(id: string): Promise<TykDocument | undefined> {
    return (await this.list()).find((document) => this.idOf(document) === id);
  }

  /** The file a document with this id is written to. */
  fileOf(id: string): string {
    return join(this.folder, safeFileName(id, this.idField));
  }

  async save(id: string, document: TykDocument): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const target = this.fileOf(id);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`);
    await rename(temporary, target);
  }

  async delete(id: string): Promise<boolean> {
    try {
      await rm(this.fileOf(id));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private documentsIn(parsed: unknown): TykDocument[] {
    if (parsed === null || typeof parsed !== 'object') throw new Error('expected a JSON object or array');
    if (Array.isArray(parsed)) return parsed as TykDocument[];
    const object = parsed as TykDocument;
    if (this.isDocument(object)) return [object];
    // Tyk's policies.json: { "<policy id>": { ...policy } }, the id often only in the key.
    return Object.entries(object).map(([key, value]) => {
      const document = value as TykDocument;
      return this.idOf(document) ? document : { ...document, id: key };
    });
  }
}
