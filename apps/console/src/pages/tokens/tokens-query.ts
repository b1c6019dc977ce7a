/** The signed-in user's own API tokens. */
export const TOKENS_QUERY = ['tokens'] as const;
