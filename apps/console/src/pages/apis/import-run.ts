import { ApiError, messageOf } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { parseImportFile } from './import-files';
import { apiName, type ApiImportBody } from './api-queries';

/** What became of one dropped or chosen file. */
export type ImportResult =
  | { file: string; status: 'importing' }
  | { file: string; status: 'imported'; apis: { id: string; name: string }[] }
  | { file: string; status: 'failed'; error: string; issues: { path: string; message: string }[] };

/** Reads one file and sends it to `POST /apis/import` (one definition or the file's array of them). */
export async function importFile(file: File): Promise<ImportResult> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    // A file moved or unreadable since it was chosen: this file fails, the others still import.
    return { file: file.name, status: 'failed', error: `could not be read: ${messageOf(error)}`, issues: [] };
  }
  const parsed = parseImportFile(text);
  if (!parsed.ok) return { file: file.name, status: 'failed', error: parsed.error, issues: [] };
  try {
    const stored = await unwrap(api.POST('/api/v1/apis/import', { body: parsed.body as ApiImportBody }));
    return {
      file: file.name,
      status: 'imported',
      apis: stored.map((record) => ({ id: record.id, name: apiName(record.document) })),
    };
  } catch (error) {
    return {
      file: file.name,
      status: 'failed',
      error: messageOf(error),
      issues: error instanceof ApiError ? error.issues : [],
    };
  }
}
