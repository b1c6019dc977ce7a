// A tiny upstream for the demo: answers every request with what it received, as JSON.
const { createServer } = require('node:http');

const port = Number(process.argv[2] ?? 9000);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        {
          upstream: 'echo',
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        },
        null,
        2,
      ),
    );
  });
}).listen(port, '127.0.0.1', () =>
  console.log(JSON.stringify({ level: 'info', name: 'echo-upstream', msg: `listening on ${port}` })),
);
