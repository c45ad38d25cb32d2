// Node ws as an echo server for a wspy client, for wspy's interop tests.
//
// Usage: node server.mjs [--deflate] [--tls CHAIN_PEM KEY_PEM]
//
// With --tls, speaks wss with the given certificate chain and key. Listens on a free loopback
// port and prints "listening PORT"; echoes every message of the first connection; when it closes,
// prints "closed CODE REASON|messages=N|bytes=M" and exits.
import { readFileSync } from 'fs';
import { createServer } from 'https';
import { WebSocketServer } from 'ws';

const args = process.argv.slice(2);
const deflate = args.includes('--deflate');
const tls = args.indexOf('--tls');
const options = {
  perMessageDeflate: deflate ? { threshold: 0 } : false,
  maxPayload: 64 * 1024 * 1024,
};
let server;
if (tls >= 0) {
  const https = createServer({ cert: readFileSync(args[tls + 1]), key: readFileSync(args[tls + 2]) });
  server = new WebSocketServer({ ...options, server: https });
  https.listen(0, '127.0.0.1');
} else {
  server = new WebSocketServer({ ...options, host: '127.0.0.1', port: 0 });
}
setTimeout(() => { console.error('FAIL timeout: no connection ended within 60 s'); process.exit(1); }, 60000).unref();

server.on('listening', () => console.log(`listening ${server.address().port}`));
server.on('connection', (ws, request) => {
  console.log(`offered: ${request.headers['sec-websocket-extensions'] || 'none'}`);
  let messages = 0;
  let bytes = 0;
  ws.on('message', (data, isBinary) => {
    messages += 1;
    bytes += data.length;
    ws.send(data, { binary: isBinary });
  });
  ws.on('close', (code, reason) => {
    console.log(`closed ${code} ${reason.toString('utf8')}|messages=${messages}|bytes=${bytes}`);
    server.close();
    process.exit(0);
  });
});
