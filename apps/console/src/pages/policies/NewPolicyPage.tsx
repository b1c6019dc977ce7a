import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { WriteGate } from '../../auth/WriteGate';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { newPolicyDocument } from './policy-form';
import { PolicyEditor } from './PolicyEditor';
import './policies.css';

export function NewPolicyPage() {
  const navigate = useNavigate();
  const [initial] = useState(() => newPolicyDocument());
  return (
    <>
      <PageHeader title="Create policy" description="Limits and API access that keys with this policy get." />
      <WriteGate
        resource="policies"
        refusal={
          <Empty action={<Link to="/policies">Back to policies</Link>}>
            Your role cannot create policies.
          </Empty>
        }
      >
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
      </WriteGate>
    </>
  );
}
