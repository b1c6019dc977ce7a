// The benchmark's upstream: the cheapest possible HTTP server, so the proxies' cost dominates.
import { createServer } from 'node:http';

const body = Buffer.from('{"ok":true}');
createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}).listen(Number(process.argv[2]), '127.0.0.1');
