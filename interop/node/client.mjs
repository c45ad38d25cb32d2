// Node ws as a client of a wspy echo server, for wspy's interop tests.
//
// Usage: node client.mjs URI [--deflate] [--server-max-window-bits N]
//
// Exchanges text, binary, a fragmented message, 8 MiB, 1,000 messages, a ping and a close with
// code 4003, checking every echo. Prints "ok STEP" per step and "closed CODE" at the end; exits 1
// with "FAIL ..." on stderr at the first wrong answer.
import WebSocket from 'ws';
import { farRepeats } from './data.mjs';

const args = process.argv.slice(2);
const uri = args[0];
const deflate = args.includes('--deflate');
const bitsAt = args.indexOf('--server-max-window-bits');
const serverBits = bitsAt >= 0 ? Number(args[bitsAt + 1]) : 0;

const perMessageDeflate = !deflate ? false
  : serverBits ? { serverMaxWindowBits: serverBits, threshold: 0 } : { threshold: 0 };
const ws = new WebSocket(uri, { perMessageDeflate, maxPayload: 64 * 1024 * 1024 });

let negotiated = 'none';
ws.on('upgrade', (response) => { negotiated = response.headers['sec-websocket-extensions'] || 'none'; });

const inbox = [];
let waiting = null;
ws.on('message', (data, isBinary) => {
  inbox.push(isBinary ? data : data.toString('utf8'));
  if (waiting) { const w = waiting; waiting = null; w(); }
});
ws.on('error', (e) => fail('error', e.message));
setTimeout(() => fail('timeout', 'no end within 60 s'), 60000).unref();

function fail(step, why) {
  console.error(`FAIL ${step}: ${why}`);
  process.exit(1);
}

async function recv() {
  while (inbox.length === 0) {
    await new Promise((resolve) => { waiting = resolve; });
  }
  return inbox.shift();
}

function check(step, expected, actual) {
  const same = Buffer.isBuffer(expected) ? Buffer.isBuffer(actual) && expected.equals(actual)
    : JSON.stringify(expected) === JSON.stringify(actual);
  if (!same) {
    fail(step, `expected ${String(expected).slice(0, 40)}, got ${String(actual).slice(0, 40)}`);
  }
  console.log(`ok ${step}`);
}

function send(data, options = {}) {
  return new Promise((resolve, reject) => ws.send(data, options, (e) => (e ? reject(e) : resolve())));
}

ws.on('open', async () => {
  console.log(`extensions: ${negotiated}`);
  await send('héllo wspy ✓');
  check('text', 'héllo wspy ✓', await recv());
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  await send(bytes);
  check('binary', bytes, await recv());
  await send('frag', { fin: false });
  await send('men', { fin: false });
  await send('ted ✓', { fin: true });
  check('fragmented', 'fragmented ✓', await recv());
  const large = farRepeats(8 * 1024 * 1024);
  await send(large);
  check('large', large, await recv());
  for (let i = 0; i < 1000; i++) {
    ws.send(`message ${i}`);
  }
  const many = [];
  for (let i = 0; i < 1000; i++) {
    many.push(await recv());
  }
  check('many', Array.from({ length: 1000 }, (_, i) => `message ${i}`), many);
  const pong = new Promise((resolve) => ws.once('pong', resolve));
  ws.ping(Buffer.from('ping from node'));
  check('ping', Buffer.from('ping from node'), await pong);
  ws.on('close', (code) => {
    console.log(`closed ${code}`);
    process.exit(0);
  });
  ws.close(4003, 'bye from node');
});
