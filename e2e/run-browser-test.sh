#!/usr/bin/env bash
# The real-browser test: builds the demo's jars, installs playwright-core (never a browser) and
# drives Debian's headless Chromium against the demo. Needs /usr/bin/chromium (apt-get install -y
# chromium) and Node.js 20+; CHROMIUM=/path overrides the browser, JAVA_HOME the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "The browser test needs Chromium at $CHROMIUM: apt-get install -y chromium" >&2
  exit 1
fi
export CHROMIUM

mvn -q -B -ntp -pl wspy-server -am package -DskipTests
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
node e2e/browser-test.mjs
