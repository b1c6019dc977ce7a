import type { AnalyticsBatch } from '@gatehouse/pump-core';
import { Registry } from '@gatehouse/shared-observability';
import { sampleAnalyticsRecord, waitFor } from '@gatehouse/shared-testing';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { createSocket, Socket } from 'node:dgram';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CsvSink } from './csv.sink';
import { PrometheusSink } from './prometheus.sink';
import { StatsdSink, StatsdSinkOptions } from './statsd.sink';

const requestAt = Date.UTC(2026, 10, 30, 12, 0, 30);

const request = sampleAnalyticsRecord;

const batch = (entryId: string, records: AnalyticsRecord[]): AnalyticsBatch => ({
  entryId,
  records,
  region: '',
});

const first = batch('1-0', [
  request('r1'),
  request('r2', { response_code: 500, latency: { total: 300, upstream: 290 }, oauth_id: 'app-1' }),
]);
const second = batch('2-0', [
  request('r3', {
    api_key: '',
    path: '/health/',
    user_agent: 'Bot, "quoted"\nline two',
    timestamp: requestAt + 500,
  }),
]);

describe('csv sink (real files)', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'csv-sink-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("appends Tyk CSV rows to an hour's file with one header, escaping as RFC 4180 says, and starts a new file each hour", async () => {
    const out = join(directory, 'not', 'yet');
    let now = new Date(Date.UTC(2026, 10, 30, 12, 59, 59));
    const sink = new CsvSink({ directory: out, now: () => now });
    await sink.write([first]);
    await sink.write([second]);
    // The runner redelivers a batch whose acknowledgement failed: it is not appended twice.
    await sink.write([first]);
    now = new Date(Date.UTC(2026, 10, 30, 13, 0, 0));
    await sink.write([batch('3-0', [request('r4', { method: 'POST' })])]);

    expect((await readdir(out)).sort()).toEqual(['2026-November-30-12.csv', '2026-November-30-13.csv']);
    const noon = await readFile(join(out, '2026-November-30-12.csv'), 'utf8');
    const lines = noon.split('\r\n');
    expect(lines[0]).toBe(
      'Method,Host,Path,RawPath,ContentLength,UserAgent,Day,Month,Year,Hour,ResponseCode,APIKey,TimeStamp,' +
        'APIVersion,APIName,APIID,OrgID,OauthID,RequestTime,RawRequest,RawResponse,IPAddress,' +
        'GeoData.Country.ISOCode,GeoData.City.GeoNameID,GeoData.City.Names,GeoData.Location.Latitude,' +
        'GeoData.Location.Longitude,GeoData.Location.TimeZone,NetworkStats.OpenConnections,' +
        'NetworkStats.ClosedConnection,NetworkStats.BytesIn,NetworkStats.BytesOut,Latency.Total,' +
        'Latency.Upstream,Tags,Alias,TrackPath,ExpireAt',
    );
    expect(lines[1]).toBe(
      'GET,example.test,/orders,/orders,0,spec,30,November,2026,12,200,k1,2026-11-30 12:00:30 +0000 UTC,' +
        'Default,Orders,orders,acme,,12,,,127.0.0.1,,0,,0,0,,0,0,0,0,12,10,key-k1;org-acme;api-orders,,false,' +
        '2026-11-30 12:00:30 +0000 UTC',
    );
    const rows = parseCsv(noon);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.length === 38)).toBe(true);
    expect(rows.map((row) => [row[10], row[17], row[18]])).toEqual([
      ['ResponseCode', 'OauthID', 'RequestTime'],
      ['200', '', '12'],
      ['500', 'app-1', '300'],
      ['200', '', '12'],
    ]);
    expect(rows[3][5]).toBe('Bot, "quoted"\nline two');
    expect(noon).toContain(',"Bot, ""quoted""\nline two",');
    expect(rows[3][12]).toBe('2026-11-30 12:00:30.5 +0000 UTC');
    expect(rows[3][34]).toBe('org-acme;api-orders');

    const one = parseCsv(await readFile(join(out, '2026-November-30-13.csv'), 'utf8'));
    expect(one.map((row) => row[0])).toEqual(['Method', 'POST']);
  });

  it('fails a write when the directory cannot be made', async () => {
    const plainFile = join(directory, 'plain-file');
    await writeFile(plainFile, '');
    const sink = new CsvSink({ directory: join(plainFile, 'below') });
    await expect(sink.write([first])).rejects.toThrow(/ENOTDIR/);
  });
});

describe('statsd sink (real UDP socket)', () => {
  let server: Socket;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createSocket('udp4');
    server.on('message', (message) => received.push(message.toString()));
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sinkFor = (options: Partial<StatsdSinkOptions>) =>
    new StatsdSink({
      host: '127.0.0.1',
      port,
      fields: ['request_time'],
      tags: ['path'],
      separatedMethod: false,
      ...options,
    });
  const lines = () => received.flatMap((datagram) => datagram.split('\n'));

  it("sends Tyk's timings named by the record's tags, and a count per name, in datagrams under the size limit", async () => {
    received.length = 0;
    const sink = sinkFor({ fields: ['request_time', 'latency_upstream'], tags: ['path', 'response_code'] });
    try {
      await sink.write([first, second]);
      await waitFor(() => lines().length >= 9, { description: 'nine metric lines' });
      // The runner redelivers a batch whose acknowledgement failed: it is not sent twice.
      await sink.write([first]);
      await sink.write([batch('4-0', [request('r5', { path: '/Items:batch' })])]);
      await waitFor(() => lines().some((line) => line.startsWith('count.get/items_batch')), {
        description: 'the last write',
      });
    } finally {
      await sink.close();
    }
    expect(received).toHaveLength(2);
    expect(lines()).toEqual([
      'request_time.get/orders.200:12|ms',
      'latency_upstream.get/orders.200:10|ms',
      'request_time.get/orders.500:300|ms',
      'latency_upstream.get/orders.500:290|ms',
      'request_time.get/health.200:12|ms',
      'latency_upstream.get/health.200:10|ms',
      'count.get/orders.200:1|c',
      'count.get/orders.500:1|c',
      'count.get/health.200:1|c',
      'request_time.get/items_batch.200:12|ms',
      'latency_upstream.get/items_batch.200:10|ms',
      'count.get/items_batch.200:1|c',
    ]);
  });

  it('splits metrics over several datagrams when they do not fit in one, and can name the method apart', async () => {
    received.length = 0;
    const sink = sinkFor({ tags: ['method', 'path'], separatedMethod: true, maxDatagramBytes: 64 });
    try {
      await sink.write([first, second]);
      await waitFor(() => lines().length >= 5, { description: 'five metric lines' });
    } finally {
      await sink.close();
    }
    expect(received.length).toBeGreaterThan(1);
    expect(received.every((datagram) => Buffer.byteLength(datagram) <= 64)).toBe(true);
    expect(lines()).toEqual([
      'request_time.get./orders:12|ms',
      'request_time.get./orders:300|ms',
      'request_time.get./health:12|ms',
      'count.get./orders:2|c',
      'count.get./health:1|c',
    ]);
  });
});

describe('prometheus sink (real registry)', () => {
  it("counts Tyk's status series and observes its latency histogram, once per batch", async () => {
    const registry = new Registry();
    const sink = new PrometheusSink(registry, {
      trackAllPaths: false,
      disabledMetrics: ['tyk_http_status_per_oauth_client'],
    });
    await sink.write([first, second]);
    // A batch this process already counted (its acknowledgement failed) is not counted again.
    await sink.write([first]);
    const text = await registry.metrics();
    expect(text).toContain('tyk_http_status{code="200",api="orders"} 2\n');
    expect(text).toContain('tyk_http_status{code="500",api="orders"} 1\n');
    expect(text).toContain(
      'tyk_http_status_per_path{code="200",api="orders",path="unknown",method="GET"} 2\n',
    );
    expect(text).toContain('tyk_http_status_per_key{code="200",key="k1"} 1\n');
    expect(text).toContain('tyk_http_status_per_key{code="200",key=""} 1\n');
    expect(text).not.toContain('tyk_http_status_per_oauth_client');
    expect(text).toContain('tyk_latency_bucket{le="20",type="total",api="orders"} 2\n');
    expect(text).toContain('tyk_latency_bucket{le="300",type="total",api="orders"} 3\n');
    expect(text).toContain('tyk_latency_sum{type="total",api="orders"} 324\n');
    expect(text).toContain('tyk_latency_sum{type="upstream",api="orders"} 310\n');
    expect(text).toContain('tyk_latency_sum{type="gateway",api="orders"} 14\n');
    expect(text).toContain('tyk_latency_count{type="gateway",api="orders"} 3\n');
  });

  it('labels real paths with track_all_paths, and counts oAuth clients unless disabled', async () => {
    const registry = new Registry();
    await new PrometheusSink(registry, { trackAllPaths: true, disabledMetrics: [] }).write([first, second]);
    const text = await registry.metrics();
    expect(text).toContain(
      'tyk_http_status_per_path{code="200",api="orders",path="/health/",method="GET"} 1\n',
    );
    expect(text).toContain('tyk_http_status_per_oauth_client{code="500",client_id="app-1"} 1\n');
  });
});

/** RFC 4180, enough to read back what the sink wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"' && field === '') {
      const end = closingQuote(text, index + 1);
      field = text.slice(index + 1, end).replaceAll('""', '"');
      index = end;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

function closingQuote(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] !== '"') continue;
    if (text[index + 1] !== '"') return index;
    index++;
  }
  throw new Error('unterminated quoted field');
}
