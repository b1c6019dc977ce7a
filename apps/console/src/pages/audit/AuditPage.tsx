import { useNavigate } from '@tanstack/react-router';

import { api, unwrapPage } from '../../api/client';
import { usePageQuery } from '../../api/use-page-query';
import { listColumns, PAGE_SIZE } from '../../ui/DataTable';
import { ListView } from '../../ui/ListView';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { AuditDetail, type AuditEntry } from './AuditDetail';
import { AuditFilters } from './AuditFilters';
import { auditQuery, hasAuditFilter } from './audit-search';
import { auditRoute } from './routes';
import './audit.css';

const column = listColumns<AuditEntry>();
const columns = column.columns([
  column.accessor('at', {
    header: 'When',
    cell: (info) => (
      <time dateTime={info.getValue()}>
        {new Date(info.getValue()).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })}
      </time>
    ),
  }),
  column.accessor((entry) => entry.actor.email, { id: 'actor', header: 'Actor' }),
  column.accessor('action', { header: 'Action' }),
  column.accessor('resource', { header: 'Resource' }),
  column.accessor('resourceId', { header: 'Resource id', cell: (info) => <code>{info.getValue()}</code> }),
  column.display({
    id: 'detail',
    header: () => <span className="visually-hidden">Change</span>,
    cell: (info) => <AuditDetail entry={info.row.original} />,
  }),
]);

/** Every change made in the organisation, newest first, filtered and paged by the server. */
export function AuditPage() {
  const search = auditRoute.useSearch();
  const navigate = useNavigate({ from: auditRoute.fullPath });
  const query = auditQuery(search, PAGE_SIZE);
  const entries = usePageQuery(['audit', query], () =>
    unwrapPage(api.GET('/api/v1/audit', { params: { query } })),
  );

  return (
    <div className="audit-area">
      <PageHeader title="Audit log" description="Who changed what, and when. Secrets never appear here." />
      <AuditFilters
        // A new search (back/forward, a deep link) resets the form to what the URL says.
        key={JSON.stringify([search.resource, search.actor, search.since])}
        search={search}
        onApply={(filters) => void navigate({ search: filters })}
      />
      <ListView
        list={entries}
        what="the audit log"
        errorTitle="Could not load the audit log"
        empty={
          <Empty>
            {hasAuditFilter(search) ? 'No entry matches these filters.' : 'Nothing has been changed yet.'}
          </Empty>
        }
        caption="Audit log"
        columns={columns}
        rowId={(entry) => `${entry.at}-${entry.requestId}-${entry.resourceId}-${entry.action}`}
        page={search.page}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
      />
    </div>
  );
}
