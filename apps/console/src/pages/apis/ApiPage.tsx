import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';

import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/Can';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage, Loading } from '../../ui/QueryState';
import { APIS_KEY, apiName, useApi } from './api-queries';
import { ApiEditor } from './ApiEditor';
import { downloadJson, exportFileName } from './export-api';
import { apiRoute } from './routes';
import './apis.css';

/** One API: edit it (form or JSON), export it as a Tyk classic file, or delete it. */
export function ApiPage() {
  const { apiId } = apiRoute.useParams();
  const { created } = apiRoute.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const loaded = useApi(apiId);

  const exportApi = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/apis/{id}/export', { params: { path: { id: apiId } } })),
    onSuccess: (document) => downloadJson(document, exportFileName(apiName(document), apiId)),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/apis/{id}', { params: { path: { id: apiId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: APIS_KEY });
      await navigate({ to: '/apis' });
    },
  });

  if (loaded.isPending) return <Loading what="the API" />;
  if (loaded.isError) {
    return (
      <>
        <PageHeader title="API" />
        <ErrorMessage error={loaded.error} title="The API could not be loaded" />
        <Link to="/apis">Back to APIs</Link>
      </>
    );
  }
  const name = apiName(loaded.data.document);
  return (
    <>
      <PageHeader
        title={name}
        description={`API ${apiId} · revision ${loaded.data.rev}`}
        actions={
          <>
            <button type="button" onClick={() => exportApi.mutate()} disabled={exportApi.isPending}>
              {exportApi.isPending ? 'Exporting…' : 'Export'}
            </button>
            <Can resource="apis" verb="write">
              <ConfirmButton
                label="Delete"
                title={`Delete the API “${name}”?`}
                confirmLabel="Delete API"
                onConfirm={() => remove.mutate()}
                disabled={remove.isPending}
              >
                <p>
                  Gateways stop serving it within seconds. Keys and policies that grant it keep their entries.
                </p>
              </ConfirmButton>
            </Can>
          </>
        }
      />
      <p>
        <Link to="/apis">← All APIs</Link>
      </p>
      {created ? (
        <p className="notice" role="status">
          API created. Gateway groups whose tags match it start serving it.
        </p>
      ) : null}
      {exportApi.isError ? <ErrorMessage error={exportApi.error} title="The export failed" /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} title="The API was not deleted" /> : null}
      <ApiEditor
        // Another API's page (same route, new param) starts with a fresh editor.
        key={apiId}
        id={apiId}
        initial={loaded.data.document}
        readOnly={!can(me, 'apis', 'write')}
      />
    </>
  );
}
