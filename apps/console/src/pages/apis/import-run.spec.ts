import { importFile } from './import-run';

describe(importFile.name, () => {
  it('reports a file the browser cannot read as failed, instead of leaving the import hanging', async () => {
    const unreadable = {
      name: 'moved.json',
      text: () => Promise.reject(new Error('A requested file or directory could not be found')),
    } as unknown as File;
    await expect(importFile(unreadable)).resolves.toEqual({
      file: 'moved.json',
      status: 'failed',
      error: 'could not be read: A requested file or directory could not be found',
      issues: [],
    });
  });

  it('reports what is not a Tyk definition without calling the API', async () => {
    const notJson = { name: 'notes.json', text: () => Promise.resolve('not json') } as unknown as File;
    await expect(importFile(notJson)).resolves.toMatchObject({ status: 'failed', error: /not valid JSON/ });
  });
});
