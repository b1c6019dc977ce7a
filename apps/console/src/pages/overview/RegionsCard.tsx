import { Link } from '@tanstack/react-router';

import { messageOf } from '../../api/api-error';
import { useGroups } from '../gateways/gateway-api';
import { regionHealth, useGroupNodes } from './overview-api';

/** Each gateway group with its live nodes and whether they all serve the current config. */
export function RegionsCard() {
  const groups = useGroups();
  const nodes = useGroupNodes(groups.data ?? []);
  return (
    <section className="card regions" aria-labelledby="regions-title">
      <h2 id="regions-title">
        <Link to="/gateways">Regions</Link>
      </h2>
      {groups.isPending ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : groups.isError ? (
        <p className="error-text" role="alert">
          Could not load gateway groups: {messageOf(groups.error)}
        </p>
      ) : groups.data.length === 0 ? (
        <p className="muted">No gateway groups yet.</p>
      ) : (
        <ul>
          {groups.data.map((group, index) => {
            const answer = nodes[index];
            return (
              <li key={group.groupId}>
                <Link to="/gateways/$groupId" params={{ groupId: group.groupId }}>
                  {group.region}
                </Link>{' '}
                <span className="muted">({group.name})</span>:{' '}
                {answer?.isError ? (
                  <span className="error-text">{messageOf(answer.error)}</span>
                ) : answer?.data ? (
                  <Health {...regionHealth(group, answer.data, answer.dataUpdatedAt)} />
                ) : (
                  'loading…'
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Health({ nodes, inSync }: { nodes: number; inSync: number }) {
  if (nodes === 0) return <span className="badge warn">no nodes</span>;
  const all = inSync === nodes;
  return (
    <>
      {nodes} node{nodes === 1 ? '' : 's'},{' '}
      <span className={`badge ${all ? 'ok' : 'bad'}`}>
        {all ? 'all in sync' : `${inSync} of ${nodes} in sync`}
      </span>
    </>
  );
}
