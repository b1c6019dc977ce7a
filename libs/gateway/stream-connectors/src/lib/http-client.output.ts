import { PermanentDeliveryError, HttpClientOutput } from '@gatehouse/shared-streams';
import { Agent, request } from 'undici';

import type { OutputConnector } from './connector-types';

/**
 * Bento's `http_client` output, a webhook: one request per message. A 2xx (or a status listed in
 * `successful_on`) delivers it; a status in `drop_on` dead-letters it at once; anything else, or a
 * network error, is retried by the stream's output worker with backoff, then dead-lettered.
 */
export class HttpClientOutputConnector implements OutputConnector {
  private readonly agent: Agent;
  private readonly headers: Record<string, string>;

  constructor(private readonly config: HttpClientOutput) {
    this.agent = new Agent({
      connections: config.max_in_flight,
      headersTimeout: config.timeout,
      bodyTimeout: config.timeout,
      connect: { rejectUnauthorized: !(config.tls?.skip_cert_verify ?? false), timeout: config.timeout },
    });
    const auth = config.basic_auth;
    this.headers = {
      ...config.headers,
      ...(auth?.enabled
        ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }
        : {}),
    };
  }

  async write(
    content: string,
    meta: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<void> {
    const fromRequest = Object.fromEntries(
      Object.entries(fields)
        .filter(([field]) => field.startsWith('headers.'))
        .map(([field, value]) => [field.slice('headers.'.length), value]),
    );
    const hasBody = this.config.verb !== 'GET';
    const response = await request(this.config.url, {
      method: this.config.verb,
      dispatcher: this.agent,
      headers: {
        'content-type': meta['content_type'] || 'application/octet-stream',
        ...this.headers,
        ...fromRequest,
      },
      body: hasBody ? content : undefined,
    });
    await response.body.dump();
    const status = response.statusCode;
    if (this.config.successful_on.includes(status)) return;
    if (this.config.drop_on.includes(status))
      throw new PermanentDeliveryError(`webhook answered ${status} (drop_on)`);
    if (status >= 200 && status < 300 && !this.config.backoff_on.includes(status)) return;
    throw new Error(`webhook answered ${status}`);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
