// Analytics records for the pump benchmark, in the shape gateways write them to the Redis stream
// (AnalyticsRecord in libs/shared/tyk-compat/src/lib/analytics-record.ts), and that stream itself.

const APIS = 8;
const PATHS = 20;

/**
 * The records of stream entry `entry` (0-based), `perEntry` of them, the same on every call: ids unique
 * within the run, 8 APIs, 20 paths, a key on every other request, 2% errors, timestamps `t0` onwards.
 */
export function entryRecords(runId, entry, perEntry, t0) {
  const records = [];
  for (let i = 0; i < perEntry; i++) {
    const n = entry * perEntry + i;
    const api = `bench-api-${n % APIS}`;
    const path = `/${api}/items/${n % PATHS}`;
    records.push({
      id: `${runId}-${n.toString(36)}`,
      timestamp: t0 + n,
      method: n % 10 === 0 ? 'POST' : 'GET',
      host: '127.0.0.1:8080',
      path,
      raw_path: `${path}?page=${n % 3}`,
      content_length: n % 10 === 0 ? 512 : 0,
      user_agent: 'wrk/4.2.0',
      response_code: n % 50 === 0 ? 502 : 200,
      api_key: n % 2 === 0 ? `bench-key-${n % 100}` : '',
      api_version: 'Default',
      api_name: api,
      api_id: api,
      org_id: 'bench',
      ip_address: '127.0.0.1',
      latency: { total: 1 + (n % 17), upstream: n % 13 },
      tags: ['bench'],
    });
  }
  return records;
}

/**
 * Tyk's AnalyticsRecord for a stream record, as the pump's sinks write it (toTykRecord in tyk-compat),
 * with records kept `expireAfterSeconds`: the baselines write the documents the sinks write.
 */
export function tykRecord(record, expireAfterSeconds) {
  const time = new Date(record.timestamp);
  const derivedTags = [
    ...(record.api_key ? [`key-${record.api_key}`] : []),
    `org-${record.org_id}`,
    `api-${record.api_id}`,
  ];
  return {
    ...record,
    day: time.getUTCDate(),
    month: time.getUTCMonth() + 1,
    year: time.getUTCFullYear(),
    hour: time.getUTCHours(),
    timestamp: time.toISOString(),
    oauth_id: '',
    request_time: record.latency.total,
    raw_request: '',
    raw_response: '',
    tags: [...record.tags, ...derivedTags],
    alias: '',
    track_path: false,
    expireAt: new Date(record.timestamp + expireAfterSeconds * 1000).toISOString(),
  };
}

/** The mongo sink's expiry when none is configured (7 days, sink-meta.ts). */
export const RAW_EXPIRY_SECONDS = 7 * 86_400;

/**
 * Writes `entries` entries of `perEntry` records to `stream` as gateways do (XADD * n <count> r <JSON>),
 * pipelined; resolves with the bytes of record JSON written.
 */
export async function fillStream(redis, stream, { runId, entries, perEntry, t0 }) {
  let bytes = 0;
  for (let first = 0; first < entries; first += 20) {
    const pipeline = redis.pipeline();
    for (let entry = first; entry < Math.min(entries, first + 20); entry++) {
      const json = JSON.stringify(entryRecords(runId, entry, perEntry, t0));
      bytes += Buffer.byteLength(json);
      pipeline.xadd(stream, '*', 'n', perEntry, 'r', json);
    }
    await pipeline.exec();
  }
  return bytes;
}

// Sums the `n` field over the whole stream inside Redis, so the records themselves are not transferred.
const SUM_COUNTS = `
local total, start, entries = 0, '-', nil
repeat
  entries = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', 100)
  for _, entry in ipairs(entries) do
    local fields = entry[2]
    for i = 1, #fields, 2 do
      if fields[i] == 'n' then total = total + tonumber(fields[i + 1]) end
    end
    start = '(' .. entry[1]
  end
until #entries < 100
return total
`;

/** Resolves with { entries, records }: the stream's length and the sum of its entries' `n`. */
export async function streamCounts(redis, stream) {
  const [entries, records] = await Promise.all([redis.xlen(stream), redis.eval(SUM_COUNTS, 1, stream)]);
  return { entries, records };
}
