import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { newPolicyDocument } from './policy-form';
import { PolicyEditor } from './PolicyEditor';
import './policies.css';

export function NewPolicyPage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [initial] = useState(() => newPolicyDocument());
  return (
    <>
      <PageHeader title="Create policy" description="Limits and API access that keys with this policy get." />
      {me && !can(me, 'policies', 'write') ? (
        <Empty action={<Link to="/policies">Back to policies</Link>}>Your role cannot create policies.</Empty>
      ) : (
        <PolicyEditor
          initial={initial}
          readOnly={false}
          onSaved={(record) =>
            void navigate({
              to: '/policies/$policyId',
              params: { policyId: record.id },
              search: { created: true },
            })
          }
        />
      )}
    </>
  );
}
