import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';

import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { PageHeader } from '../../ui/PageHeader';
import { APIS_KEY } from './api-queries';
import { DropZone } from './DropZone';
import { importFile, type ImportResult } from './import-run';
import { ImportResults } from './ImportResults';
import './apis.css';

/** Tyk classic or OAS definitions from files: dropped, or chosen with the file input. */
export function ImportApisPage() {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [results, setResults] = useState<ImportResult[]>([]);
  const busy = results.some((result) => result.status === 'importing');

  const importAll = async (files: File[]) => {
    if (files.length === 0) return;
    setResults(files.map((file) => ({ file: file.name, status: 'importing' })));
    // One file at a time: each is its own request, so one bad file does not stop the rest.
    for (const [index, file] of files.entries()) {
      const result = await importFile(file);
      setResults((current) => current.map((entry, at) => (at === index ? result : entry)));
    }
    await queryClient.invalidateQueries({ queryKey: APIS_KEY });
  };

  return (
    <>
      <PageHeader
        title="Import APIs"
        description="Tyk API definitions, classic or OAS: one per file, or an array of them."
      />
      <p>
        <Link to="/apis">← All APIs</Link>
      </p>
      {!me ? null : can(me, 'apis', 'write') ? (
        <DropZone onFiles={(files) => void importAll(files)} disabled={busy} />
      ) : (
        <p className="state">Your role cannot import APIs.</p>
      )}
      <ImportResults results={results} />
    </>
  );
}
