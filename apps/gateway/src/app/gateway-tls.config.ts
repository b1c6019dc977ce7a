import { bridgeClientTlsFields } from '@gatehouse/shared-config';
import { z } from 'zod';

/**
 * Go's cipher-suite names, as tyk.conf lists them in `ssl_ciphers` and `proxy_ssl_ciphers`, to
 * OpenSSL's. Only TLS 1.2 suites are chosen this way (TLS 1.3's are fixed, as in Go). RC4 and 3DES are
 * left out on purpose: a name not here is refused at start-up.
 */
export const GO_CIPHER_SUITES: Readonly<Record<string, string>> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
};

/** Tyk's TLS version numbers (Go's constants); 0 is the default. TLS 1.0 and 1.1 are not offered. */
const TLS_VERSION_NUMBERS = { 771: 'TLSv1.2', 772: 'TLSv1.3' } as const;
export type TlsVersionNumber = 0 | keyof typeof TLS_VERSION_NUMBERS;

const tlsVersion = z
  .number()
  .int()
  .refine(
    (value) => value === 0 || value in TLS_VERSION_NUMBERS,
    '771 (TLS 1.2), 772 (TLS 1.3) or 0 (default); TLS 1.0 and 1.1 (769, 770) are not offered',
  )
  .default(0)
  .transform((value) => value as TlsVersionNumber);

const cipherList = z
  .array(
    z.string().refine((name) => name in GO_CIPHER_SUITES, {
      error: (issue) =>
        `${String(issue.input)} is not a supported cipher suite (Go names, TLS 1.2; RC4 and 3DES are refused)`,
    }),
  )
  .default([]);

/** Node's name for a Tyk TLS version number, undefined for the default. */
export const nodeTlsVersion = (value: TlsVersionNumber) =>
  value === 0 ? undefined : TLS_VERSION_NUMBERS[value];

/** OpenSSL's cipher list for Go names; undefined leaves Node's defaults. */
export const openSslCiphers = (names: readonly string[]) =>
  names.length > 0 ? names.map((name) => GO_CIPHER_SUITES[name]).join(':') : undefined;

const RELOAD_INTERVAL_MS = z.number().int().min(100).max(3_600_000).default(10_000);

/** Tyk's `http_server_options`, the TLS part: HTTPS on the traffic port, per-domain certificates (SNI). */
export const httpServerOptionsSchema = z
  .object({
    use_ssl: z.boolean().default(false),
    /** HTTP/2 (negotiated with ALPN) beside HTTP/1.1, on HTTPS only as in Tyk. */
    enable_http2: z.boolean().default(false),
    /** Certificate and key files; `domain_name` picks one by SNI, else the names it carries do. */
    certificates: z
      .array(
        z.object({
          domain_name: z.string().default(''),
          cert_file: z.string().min(1),
          key_file: z.string().min(1),
        }),
      )
      .default([]),
    /** Files holding a private key and its certificate chain together (Tyk's file form of this list). */
    ssl_certificates: z.array(z.string().min(1)).default([]),
    min_version: tlsVersion,
    max_version: tlsVersion,
    ssl_ciphers: cipherList,
    /** How often certificate files are read again; new connections use renewed ones. */
    tls_reload_interval_ms: RELOAD_INTERVAL_MS,
  })
  .prefault({})
  .superRefine((options, context) => {
    if (options.use_ssl && options.certificates.length === 0 && options.ssl_certificates.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['certificates'],
        message: 'use_ssl needs at least one certificate (certificates or ssl_certificates)',
      });
  });

/** Tyk's global settings for TLS to upstreams, plus `proxy_ssl_ca_file` for a private CA. */
export const proxySslSettings = {
  proxy_ssl_insecure_skip_verify: z.boolean().default(false),
  proxy_ssl_min_version: tlsVersion,
  proxy_ssl_max_version: tlsVersion,
  proxy_ssl_ciphers: cipherList,
  /** CA certificates upstream certificates are checked against, beside the system's. */
  proxy_ssl_ca_file: z.string().default(''),
};

/** `slave_options` TLS settings (shared with the pump's bridge sink), and how often their files are read. */
export const bridgeTlsSettings = {
  ...bridgeClientTlsFields,
  tls_reload_interval_ms: RELOAD_INTERVAL_MS,
};
