import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';

import { api, unwrap } from '../../api/client';
import { Can } from '../../auth/Can';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorMessage, Loading } from '../../ui/QueryState';
import { POLICIES_KEY, usePolicy } from './policy-queries';
import { PolicyEditor } from './PolicyEditor';
import { policyRoute } from './routes';
import './policies.css';

/** One policy: edit it (form or JSON) or delete it. */
export function PolicyPage() {
  const { policyId } = policyRoute.useParams();
  const { created } = policyRoute.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const loaded = usePolicy(policyId);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/policies/{id}', { params: { path: { id: policyId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
      await navigate({ to: '/policies' });
    },
  });

  if (loaded.isPending) return <Loading what="the policy" />;
  if (loaded.isError) {
    return (
      <>
        <PageHeader title="Policy" />
        <ErrorMessage error={loaded.error} title="The policy could not be loaded" />
        <Link to="/policies">Back to policies</Link>
      </>
    );
  }
  const name = loaded.data.fields.name || policyId;
  return (
    <>
      <PageHeader
        title={name}
        description={`Policy ${policyId} · revision ${loaded.data.rev}`}
        actions={
          <Can resource="policies" verb="write">
            <ConfirmButton
              label="Delete"
              title={`Delete the policy “${name}”?`}
              confirmLabel="Delete policy"
              onConfirm={() => remove.mutate()}
              disabled={remove.isPending}
            >
              <p>Keys that hold it lose what it grants the next time a gateway applies their policies.</p>
            </ConfirmButton>
          </Can>
        }
      />
      <p>
        <Link to="/policies">← All policies</Link>
      </p>
      {created ? (
        <p className="notice" role="status">
          Policy created.
        </p>
      ) : null}
      {remove.isError ? <ErrorMessage error={remove.error} title="The policy was not deleted" /> : null}
      <PolicyEditor
        key={policyId}
        id={policyId}
        initial={loaded.data.document}
        readOnly={!can(me, 'policies', 'write')}
      />
    </>
  );
}
