import { api, unwrap } from '../../api/client';
import { DocumentPage, type StoredKind } from '../../ui/document-editor/DocumentPage';
import { POLICIES_KEY, usePolicy } from './policy-queries';
import { PolicyEditor } from './PolicyEditor';
import { policyRoute } from './routes';
import './policies.css';

const STORED_POLICY: StoredKind = {
  noun: 'policy',
  plural: 'policies',
  resource: 'policies',
  listPath: '/policies',
  queryKey: POLICIES_KEY,
};

/** One policy: edit it (form or JSON) or delete it. */
export function PolicyPage() {
  const { policyId } = policyRoute.useParams();
  const { created } = policyRoute.useSearch();
  const loaded = usePolicy(policyId);

  return (
    <DocumentPage
      kind={STORED_POLICY}
      id={policyId}
      loaded={loaded}
      name={(record) => record.fields.name || policyId}
      remove={() => unwrap(api.DELETE('/api/v1/policies/{id}', { params: { path: { id: policyId } } }))}
      deleteConsequence={
        <p>Keys that hold it lose what it grants the next time a gateway applies their policies.</p>
      }
      createdNotice={created ? 'Policy created.' : undefined}
      editor={(record, readOnly) => (
        <PolicyEditor key={policyId} id={policyId} initial={record.document} readOnly={readOnly} />
      )}
    />
  );
}
