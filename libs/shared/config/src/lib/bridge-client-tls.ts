import { z } from 'zod';

/**
 * How a gateway (`slave_options`) or a regional pump's bridge sink (`meta`) reaches the bridges over
 * TLS: Tyk's `use_ssl` and `ssl_insecure_skip_verify`, then Gatehouse's additions. Plaintext needs
 * `allow_insecure_bridge`, said in so many words, since the node token rides on every call.
 */
export const bridgeClientTlsFields = {
  use_ssl: z.boolean().default(false),
  /** Encrypt without checking the bridge's certificate: for tests, never production. */
  ssl_insecure_skip_verify: z.boolean().default(false),
  /** CA certificates the bridge's certificate is checked against; empty: the system's roots. */
  ca_file: z.string().default(''),
  /** The name the bridge's certificate must carry, when the address does not (an IP, a load balancer). */
  server_name: z.string().default(''),
  /** A client certificate and key, for bridges that require mutual TLS. */
  cert_file: z.string().default(''),
  key_file: z.string().default(''),
  /** Connect without TLS: the node token then crosses the network in clear. */
  allow_insecure_bridge: z.boolean().default(false),
};

export type BridgeClientTlsOptions = {
  [K in keyof typeof bridgeClientTlsFields]: z.output<(typeof bridgeClientTlsFields)[K]>;
};

/** What is wrong with a client's bridge TLS settings, as [field, message] pairs; `where` prefixes names. */
export function bridgeClientTlsProblems(
  options: BridgeClientTlsOptions,
  where = '',
): Array<[keyof BridgeClientTlsOptions, string]> {
  const problems: Array<[keyof BridgeClientTlsOptions, string]> = [];
  if (!options.use_ssl && !options.allow_insecure_bridge)
    problems.push([
      'use_ssl',
      `the bridge is reached over TLS: set ${where}use_ssl: true (with ${where}ca_file for a private CA), or ${where}allow_insecure_bridge: true to send the node token in clear`,
    ]);
  if (Boolean(options.cert_file) !== Boolean(options.key_file))
    problems.push([
      options.cert_file ? 'key_file' : 'cert_file',
      'set cert_file and key_file together (the client certificate and its key)',
    ]);
  return problems;
}
