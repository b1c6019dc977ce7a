import './overview.css';

import { can } from '../../auth/permissions';
import { useMe } from '../../auth/use-me';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorMessage, Loading } from '../../ui/QueryState';
import { ApiCreateLinks } from '../apis/ApiCreateLinks';
import { CountCard } from './CountCard';
import { useApiCount, useKeyCount, usePolicyCount } from './overview-api';
import { RegionsCard } from './RegionsCard';
import { TrafficCard } from './TrafficCard';

/** What a new organisation does first: define an API, by hand or from existing definitions. */
function FirstSteps({ canWrite }: { canWrite: boolean }) {
  return (
    <Empty
      action={
        canWrite ? (
          <div className="actions">
            <ApiCreateLinks />
          </div>
        ) : undefined
      }
    >
      {canWrite
        ? 'This organisation has no APIs yet. Create one, or import Tyk API definitions you already have.'
        : 'This organisation has no APIs yet. Ask an admin or API editor to add one.'}
    </Empty>
  );
}

/** The landing page for every signed-in user: each card only when the role may read what it shows. */
export function OverviewPage() {
  const me = useMe();
  const reads = (resource: string) => can(me.data, resource, 'read');
  const apis = useApiCount(reads('apis'));
  const policies = usePolicyCount(reads('policies'));
  const keys = useKeyCount(reads('keys'));

  if (me.isPending) return <Loading what="your organisation" />;
  if (me.isError) return <ErrorMessage error={me.error} title="Could not load your account" />;
  return (
    <div className="overview-area">
      <PageHeader title="Overview" description="Your organisation at a glance." />
      {apis.data === 0 ? <FirstSteps canWrite={can(me.data, 'apis', 'write')} /> : null}
      <div className="grid">
        {reads('apis') ? <CountCard title="APIs" to="/apis" count={apis} /> : null}
        {reads('policies') ? <CountCard title="Policies" to="/policies" count={policies} /> : null}
        {reads('keys') ? <CountCard title="Keys" to="/keys" count={keys} /> : null}
      </div>
      <div className="overview-wide">
        {reads('gateway-groups') ? <RegionsCard /> : null}
        {reads('analytics') ? <TrafficCard /> : null}
      </div>
    </div>
  );
}
