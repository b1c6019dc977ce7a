import { Link } from '@tanstack/react-router';

import { listColumns, type ListColumn } from '../../ui/DataTable';
import { nameColumn, tagsColumn, updatedColumn } from '../../ui/document-columns';
import type { PolicyRecord } from './policy-queries';

const column = listColumns<PolicyRecord>();

const limit = (value: number | null | undefined, unit: string) =>
  value === undefined || value === null || value < 0 ? 'unlimited' : `${value} ${unit}`;

function stateWord(policy: PolicyRecord) {
  if (policy.document.is_inactive) return <span className="badge bad">Deny</span>;
  return policy.fields.active ? (
    <span className="badge ok">Active</span>
  ) : (
    <span className="badge warn">Draft</span>
  );
}

export const policyColumns: ListColumn<PolicyRecord>[] = [
  nameColumn((policy) => (
    <Link to="/policies/$policyId" params={{ policyId: policy.id }}>
      {policy.fields.name || policy.id}
    </Link>
  )),
  column.display({ id: 'id', header: 'ID', cell: ({ row }) => <code>{row.original.id}</code> }),
  column.display({
    id: 'rate',
    header: 'Rate limit',
    cell: ({ row }) => {
      const { rate, per } = row.original.document;
      return rate && rate > 0 ? `${rate} per ${per ?? 0} s` : 'none';
    },
  }),
  column.display({
    id: 'quota',
    header: 'Quota',
    cell: ({ row }) => limit(row.original.document.quota_max, 'requests'),
  }),
  column.display({
    id: 'apis',
    header: 'APIs',
    cell: ({ row }) => Object.keys(row.original.document.access_rights ?? {}).length,
  }),
  column.display({ id: 'state', header: 'State', cell: ({ row }) => stateWord(row.original) }),
  tagsColumn((tags) => tags.join(', ')),
  updatedColumn(),
];
