/** The control plane's key-hashing secret in tests: dashboards, bridges and e2e topologies share it. */
export const TEST_KEY_HASHING_SECRET = 'test-key-hashing-secret-0123456789abcdef';
