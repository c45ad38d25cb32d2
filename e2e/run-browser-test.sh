#!/usr/bin/env bash
# The real-browser test: builds the demo's jars, installs playwright-core (never a browser) and
# drives Debian's headless Chromium against the demo. Needs /usr/bin/chromium (apt-get install -y
# chromium), Node.js 20+ and openssl (the TLS scenarios' certificate); CHROMIUM=/path overrides the
# browser, JAVA_HOME the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "The browser test needs Chromium at $CHROMIUM: apt-get install -y chromium" >&2
  exit 1
fi
export CHROMIUM
if ! command -v openssl >/dev/null; then
  echo "The browser test needs openssl for its TLS scenarios: apt-get install -y openssl" >&2
  exit 1
fi

mvn -q -B -ntp -pl wspy-examples -am package -DskipTests
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
node e2e/browser-test.mjs
