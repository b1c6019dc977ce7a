// The streams benchmark's consumers: many WebSocket and SSE connections from this process, counting
// what each receives and sampling end-to-end latency (each message carries its produce time `t`).
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** Every client counts; one in `sampleEvery` also records latency (parsing every message costs). */
export function createTally(sampleEvery = 10) {
  return { received: 0, latencies: [], lastAt: 0, sampleEvery, closed: 0 };
}

function receive(tally, index, data) {
  tally.received++;
  tally.lastAt = Date.now();
  if (index % tally.sampleEvery === 0) {
    const sent = JSON.parse(data).t;
    if (sent) tally.latencies.push(Date.now() - sent);
  }
}

function connectWs(url, tally, index) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('message', (data) => receive(tally, index, data.toString()));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('close', () => tally.closed++);
  });
}

function connectSse(url, tally, index) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const line = buffer
            .slice(0, end)
            .split('\n')
            .find((part) => part.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (line) receive(tally, index, line.slice(6));
        }
      });
      res.once('close', () => tally.closed++);
      resolve({ close: () => req.destroy() });
    });
    req.once('error', reject);
    req.end();
  });
}

/** Opens every client of `targets` ([{ kind: 'ws' | 'sse', url }]) in batches; returns closers. */
export async function connectClients(targets, tally, batch = 100) {
  const clients = [];
  const started = performance.now();
  for (let i = 0; i < targets.length; i += batch) {
    const slice = targets.slice(i, i + batch);
    clients.push(
      ...(await Promise.all(
        slice.map(({ kind, url }, j) => (kind === 'ws' ? connectWs : connectSse)(url, tally, i + j)),
      )),
    );
  }
  return { clients, connectMs: Math.round(performance.now() - started) };
}

export function closeClients(clients) {
  for (const client of clients) client.close();
}
