// Real-browser test of the wspy demo: starts the echo demo from the built jars (on the module path,
// as README's run command does), opens its page in headless Chromium and checks what the page shows.
// Run through run-browser-test.sh, which builds the jars and installs playwright-core first.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const TIMEOUT = 15_000;

// The extensions the page must report as negotiated: the demo offers permessage-deflate (and
// deflate-frame) unless --no-deflate, and Chromium takes permessage-deflate.
const EXPECTED_EXTENSIONS = /^permessage-deflate/;

/** Starts the demo on a free loopback port; resolves with its page URL and process. */
function startDemo(flags) {
  const args = ['--add-modules', 'jdk.incubator.vector', '-p', join(ROOT, 'wspy-examples/target/modules'),
    '-m', 'io.wspy.examples/io.wspy.examples.demo.EchoDemo', '--host', '127.0.0.1', '--port', '0', ...flags];
  const demo = spawn(JAVA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo did not start:\n' + output)), TIMEOUT);
    const watch = (chunk) => {
      output += chunk;
      const match = output.match(/at (https?:\/\/\S+\/) /);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], demo, output: () => output });
      }
    };
    demo.stdout.on('data', watch);
    demo.stderr.on('data', watch);
    demo.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

async function stopDemo(demo) {
  if (demo.exitCode !== null) return;
  const exited = new Promise((resolve) => demo.on('exit', resolve));
  demo.kill('SIGTERM');
  await exited;
}

/**
 * A self-signed certificate for 127.0.0.1 and its key, made with OpenSSL as PEM files (what
 * --tls-cert and --tls-key take); the browser is told to accept it.
 */
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'wspy-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { dir, cert, key };
}

async function withBrowser(options, extraArgs, test) {
  const profile = mkdtempSync(join(tmpdir(), 'wspy-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
    ...options,
  });
  try {
    await test(context.pages()[0] || await context.newPage());
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const logEntries = (page) => page.locator('#log li').allTextContents();

async function waitForLog(page, text) {
  try {
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('#log li')].some((li) => li.textContent === t),
      text, { timeout: TIMEOUT });
  } catch (e) {
    const shown = (await logEntries(page)).map((entry) => entry.length > 80 ? entry.slice(0, 80) + '...' : entry);
    throw new Error(`the page never logged "${text.slice(0, 80)}"; it shows: ${JSON.stringify(shown)}`);
  }
}

/** The page's own run: open, the snippet's hello, typed messages echoed, a clean close. */
async function echoRun(page, url, expectedExtensions, scheme) {
  await page.goto(url);
  await page.waitForSelector('#snippet');
  const snippet = await page.textContent('#snippet');
  assert.match(snippet, new RegExp(`var ws = new WebSocket\\('${scheme}://127\\.0\\.0\\.1:\\d+/'\\);`),
    'the snippet shows the real URL');
  assert.match(snippet, /this\.send\('Hello, World!'\);/);

  await waitForLog(page, 'message Hello, World!');
  assert.equal(await page.textContent('#state'), 'open');
  const extensions = await page.textContent('#extensions');
  assert.match(extensions, expectedExtensions, `negotiated extensions: ${extensions}`);

  for (const text of ['Hello again!', 'Grüße, 世界 🌍', 'x'.repeat(70_000)]) {
    await page.fill('#input', text);
    await page.click('#send');
    await waitForLog(page, 'message ' + text);
  }
  await page.click('#close');
  // The server echoes the code of the page's close frame, without a reason.
  await waitForLog(page, 'close 1000 ');
  assert.equal(await page.textContent('#state'), 'closed');
  const log = await logEntries(page);
  assert.deepEqual(log.slice(0, 2), ['open', 'message Hello, World!']);
  assert.ok(!log.includes('error'), 'no error event: ' + log.join(' | '));
}

const tls = makeCertificate();
const TLS_FLAGS = ['--tls-cert', tls.cert, '--tls-key', tls.key];
const ACCEPT_TEST_CERTIFICATE = ['--ignore-certificate-errors'];

/**
 * Cross-site WebSocket hijacking: the demo trusts only http://allowed.example, and the page comes
 * from the demo's own address, another origin. The browser sends that Origin, the server answers
 * 403, and the page sees the WebSocket fail: an error event, then close 1006 (the code a browser
 * reports for a failed handshake), and never an open.
 */
async function crossSiteRefused(page, url) {
  await page.goto(url);
  await waitForLog(page, 'close 1006 ');
  const log = await logEntries(page);
  assert.deepEqual(log, ['error', 'close 1006 '], 'the page saw: ' + log.join(' | '));
  assert.equal(await page.textContent('#state'), 'closed');
}

const scenarios = [
  { name: 'AsyncServer echo', flags: [] },
  { name: 'threaded Server echo', flags: ['--server', 'threaded'] },
  { name: 'AsyncServer with --no-deflate', flags: ['--no-deflate'], extensions: /^\(none\)$/ },
  { name: 'Basic authentication through the browser', flags: ['--auth', 'basic', '--user', 'ann:s3cret'],
    browser: { httpCredentials: { username: 'ann', password: 's3cret' } }, user: 'ann' },
  { name: 'Digest authentication through the browser', flags: ['--auth', 'digest', '--user', 'bob:pa55'],
    browser: { httpCredentials: { username: 'bob', password: 'pa55' } }, user: 'bob' },
  { name: 'AsyncServer over TLS: https:// page, wss:// echo', flags: TLS_FLAGS, tls: true },
  { name: 'threaded Server over TLS: https:// page, wss:// echo', flags: ['--server', 'threaded', ...TLS_FLAGS],
    tls: true },
  { name: 'cross-site page refused (--origin http://allowed.example, page from another origin)',
    flags: ['--origin', 'http://allowed.example'], run: crossSiteRefused, refused: true },
];

let failures = 0;
for (const s of scenarios) {
  const { url, demo, output } = await startDemo(s.flags);
  try {
    assert.equal(url.startsWith('https://'), Boolean(s.tls), `the demo printed ${url}`);
    await withBrowser(s.browser || {}, s.tls ? ACCEPT_TEST_CERTIFICATE : [], async (page) => {
      await (s.run || echoRun)(page, url, s.extensions || EXPECTED_EXTENSIONS, s.tls ? 'wss' : 'ws');
    });
    const printed = output();
    if (s.refused) {
      assert.doesNotMatch(printed, /connected|Received message/, 'a refused page got through to the handler');
    } else {
      assert.match(printed, /Received message "Hello, World!"/, 'the server printed what it received');
      assert.match(printed, /disconnected: 1000 bye/, 'the server saw the page close with its reason');
    }
    if (s.user) assert.match(printed, new RegExp(`connected as ${s.user}`), 'the WebSocket was authenticated');
    console.log(`ok   ${s.name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${s.name}: ${e.stack}\n--- demo output ---\n${output()}`);
  } finally {
    await stopDemo(demo);
  }
}
rmSync(tls.dir, { recursive: true, force: true });
if (failures) {
  console.log(`${failures} of ${scenarios.length} browser scenarios failed`);
  process.exit(1);
}
console.log(`all ${scenarios.length} browser scenarios passed`);
