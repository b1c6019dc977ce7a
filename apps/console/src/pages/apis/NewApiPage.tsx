import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

import { WriteGate } from '../../auth/WriteGate';
import { PageHeader } from '../../ui/PageHeader';
import { Empty } from '../../ui/QueryState';
import { newApiDefinition } from './api-form';
import { ApiEditor } from './ApiEditor';
import './apis.css';

/** Create a classic API definition with the form, or paste any definition into the JSON tab. */
export function NewApiPage() {
  const navigate = useNavigate();
  const [initial] = useState(() => newApiDefinition());
  return (
    <>
      <PageHeader
        title="Create API"
        description="A Tyk classic definition; anything the form lacks is in the JSON tab."
      />
      <WriteGate
        resource="apis"
        refusal={<Empty action={<Link to="/apis">Back to APIs</Link>}>Your role cannot create APIs.</Empty>}
      >
        <ApiEditor
          initial={initial}
          readOnly={false}
          onSaved={(record) =>
            void navigate({ to: '/apis/$apiId', params: { apiId: record.id }, search: { created: true } })
          }
        />
      </WriteGate>
    </>
  );
}
