import { useMutation, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { Link, useNavigate, type LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';

import { Can } from '../../auth/Can';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { ConfirmButton } from '../ConfirmButton';
import { PageHeader } from '../PageHeader';
import { ErrorMessage, Loading } from '../QueryState';
import { documentQueryKey, type SavedDocument } from './document-kind';

/** How the page names one kind of stored document and the list it belongs to. */
export interface StoredKind {
  /** "API", "policy": in "Delete the API “Orders”?", "The policy could not be loaded". */
  noun: string;
  /** "APIs", "policies": in "Back to policies", "← All APIs". */
  plural: string;
  /** The permission's resource: only who may write it sees Delete, and edits. */
  resource: string;
  listPath: LinkProps['to'];
  /** Every query about this kind of document, stale after a delete. */
  queryKey: QueryKey;
}

interface DocumentPageProps<Saved extends SavedDocument> {
  kind: StoredKind;
  id: string;
  loaded: UseQueryResult<Saved>;
  name: (record: Saved) => string;
  remove: () => Promise<unknown>;
  /** What deleting does, said in the confirmation. */
  deleteConsequence: ReactNode;
  /** Said once, right after the document was created. */
  createdNotice?: string;
  /** Actions before Delete (e.g. Export), and what they report. */
  actions?: ReactNode;
  outcomes?: ReactNode;
  /** The editor for the loaded document; read-only for roles that may not write. */
  editor: (record: Saved, readOnly: boolean) => ReactNode;
}

/** One stored document: loaded, named in the heading, edited, deleted (then back to its list). */
export function DocumentPage<Saved extends SavedDocument>(props: DocumentPageProps<Saved>) {
  const { kind, id, loaded } = props;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const remove = useMutation({
    mutationFn: props.remove,
    // Leave first: refetching the deleted document while its page is still open would flash its 404.
    onSuccess: async () => {
      await navigate({ to: kind.listPath });
      queryClient.removeQueries({ queryKey: documentQueryKey(kind, id) });
      await queryClient.invalidateQueries({ queryKey: kind.queryKey });
    },
  });
  const title = kind.noun.charAt(0).toUpperCase() + kind.noun.slice(1);

  if (loaded.isPending) return <Loading what={`the ${kind.noun}`} />;
  if (loaded.isError) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorMessage error={loaded.error} title={`The ${kind.noun} could not be loaded`} />
        <Link to={kind.listPath}>Back to {kind.plural}</Link>
      </>
    );
  }
  const name = props.name(loaded.data);
  return (
    <>
      <PageHeader
        title={name}
        description={`${title} ${id} · revision ${loaded.data.rev}`}
        actions={
          <>
            {props.actions}
            <Can resource={kind.resource} verb="write">
              <ConfirmButton
                label="Delete"
                title={`Delete the ${kind.noun} “${name}”?`}
                confirmLabel={`Delete ${kind.noun}`}
                onConfirm={() => remove.mutate()}
                disabled={remove.isPending}
              >
                {props.deleteConsequence}
              </ConfirmButton>
            </Can>
          </>
        }
      />
      <p>
        <Link to={kind.listPath}>← All {kind.plural}</Link>
      </p>
      {props.createdNotice ? (
        <p className="notice" role="status">
          {props.createdNotice}
        </p>
      ) : null}
      {props.outcomes}
      {remove.isError ? (
        <ErrorMessage error={remove.error} title={`The ${kind.noun} was not deleted`} />
      ) : null}
      {props.editor(loaded.data, !can(me, kind.resource, 'write'))}
    </>
  );
}
