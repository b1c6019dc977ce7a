import { useMutation } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import { DocumentPage, type StoredKind } from '../../ui/document-editor/DocumentPage';
import { ErrorMessage } from '../../ui/QueryState';
import { APIS_KEY, apiName, useApi } from './api-queries';
import { ApiEditor } from './ApiEditor';
import { downloadJson, exportFileName } from './export-api';
import { apiRoute } from './routes';
import './apis.css';

const STORED_API: StoredKind = {
  noun: 'API',
  plural: 'APIs',
  resource: 'apis',
  listPath: '/apis',
  queryKey: APIS_KEY,
};

/** One API: edit it (form or JSON), export it as a Tyk classic file, or delete it. */
export function ApiPage() {
  const { apiId } = apiRoute.useParams();
  const { created } = apiRoute.useSearch();
  const loaded = useApi(apiId);
  const exportApi = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/apis/{id}/export', { params: { path: { id: apiId } } })),
    onSuccess: (document) => downloadJson(document, exportFileName(apiName(document), apiId)),
  });

  return (
    <DocumentPage
      kind={STORED_API}
      id={apiId}
      loaded={loaded}
      name={(record) => apiName(record.document)}
      remove={() => unwrap(api.DELETE('/api/v1/apis/{id}', { params: { path: { id: apiId } } }))}
      deleteConsequence={
        <p>Gateways stop serving it within seconds. Keys and policies that grant it keep their entries.</p>
      }
      createdNotice={
        created ? 'API created. Gateway groups whose tags match it start serving it.' : undefined
      }
      actions={
        <button type="button" onClick={() => exportApi.mutate()} disabled={exportApi.isPending}>
          {exportApi.isPending ? 'Exporting…' : 'Export'}
        </button>
      }
      outcomes={exportApi.isError ? <ErrorMessage error={exportApi.error} title="The export failed" /> : null}
      editor={(record, readOnly) => (
        // Another API's page (same route, new param) starts with a fresh editor.
        <ApiEditor key={apiId} id={apiId} initial={record.document} readOnly={readOnly} />
      )}
    />
  );
}
