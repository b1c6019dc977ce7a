import { api, unwrap } from '../../api/client';
import { useSecretCreate } from '../../api/use-secret-create';
import { ErrorMessage } from '../../ui/QueryState';
import { SecretOnce } from '../../ui/SecretOnce';
import { nodeTokensQueryKey } from './gateway-api';

/** Mints a token and shows it once; it never enters the query cache, the URL or storage. */
export function MintNodeToken({ groupId }: { groupId: string }) {
  // The token goes to component state only: a mutation's `data` would keep it in the mutation cache.
  const { mutation, shown, forget } = useSecretCreate<void, string>(async () => {
    const minted = await unwrap(
      api.POST('/api/v1/gateway-groups/{id}/tokens', { params: { path: { id: groupId } } }),
    );
    return { id: minted.id, shown: minted.token };
  }, nodeTokensQueryKey(groupId));
  return (
    <div className="mint-token">
      <button
        type="button"
        className="primary"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
      >
        {mutation.isPending ? 'Minting…' : 'Mint node token'}
      </button>
      {mutation.isError ? <ErrorMessage error={mutation.error} title="Could not mint a token" /> : null}
      {shown ? <SecretOnce label="Node token" secret={shown} onDone={forget} /> : null}
    </div>
  );
}
