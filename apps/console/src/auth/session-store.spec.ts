import { bearer } from '../api/client';
import { sessionStore } from './session-store';

/** What the client middleware sees of a call: the headers it sent and the status it got. */
function refusedCall(token: string) {
  const headers = new Map([['authorization', `Bearer ${token}`]]);
  return {
    request: { headers: { get: (name: string) => headers.get(name) ?? null } },
    response: { status: 401 },
  } as unknown as Parameters<NonNullable<typeof bearer.onResponse>>[0];
}

describe('the tab session', () => {
  afterEach(() => {
    sessionStore.set(undefined);
    sessionStore.takeEndReason();
  });

  it('ends when the API refuses the token it holds, saying why', async () => {
    sessionStore.set({ token: 'session-a' });
    await bearer.onResponse?.(refusedCall('session-a'));
    expect(sessionStore.get()).toBeUndefined();
    expect(sessionStore.takeEndReason()).toMatch(/session has ended/);
  });

  it("survives a late 401 to a call of the previous user's session", async () => {
    // A signed out (or was revoked); B signed in on the same tab before A's last call answered.
    sessionStore.set({ token: 'session-b' });
    await bearer.onResponse?.(refusedCall('session-a'));
    expect(sessionStore.get()).toEqual({ token: 'session-b' });
    expect(sessionStore.takeEndReason()).toBeUndefined();
  });
});
