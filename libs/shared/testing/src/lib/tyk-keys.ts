/** Creates a key through a gateway's Tyk Gateway API (`POST /tyk/keys/create`) and returns it. */
export async function createTykKey(
  baseUrl: string,
  secret: string,
  session: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${baseUrl}/tyk/keys/create`, {
    method: 'POST',
    headers: { 'x-tyk-authorization': secret },
    body: JSON.stringify({ org_id: 'acme', ...session }),
  });
  const body = (await response.json()) as { key?: string; message?: string };
  if (!body.key) throw new Error(`key creation failed: ${response.status} ${body.message}`);
  return body.key;
}
