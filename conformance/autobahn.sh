#!/usr/bin/env bash
# Runs the Autobahn TestSuite against wspy: the fuzzing client against Server and AsyncServer (plain
# and over TLS), the fuzzing server against the blocking and the non-blocking client; permessage-deflate
# offered by all.
#
#   conformance/autobahn.sh SUITE [quick|full] [TARGET...]
#
#   SUITE   the installed suite: a folder holding fuzz-server.sh, fuzz-client.sh and src/ (made by
#           the harness's setup.sh, e.g. `setup.sh /opt/autobahn autobahn-testsuite-955b43d.tar.gz`)
#   quick   sections 1-10 plus 12.1 and 13.1 (what CI runs; the default)
#   full    all 517 cases (~19 min per target on 2 cores)
#   TARGET  async, async-tls, threaded, threaded-tls, client, async-client (default: all six)
#
# It builds what it runs (mvn test-compile of wspy-server and what it needs), starts each server on
# a free loopback port with a throwaway self-signed certificate for TLS, and writes a summary per
# target to conformance/reports/MODE/TARGET/summary.md beside the suite's HTML/JSON report; a full
# run also copies it to conformance/results/TARGET.md (committed). Exit code: 0 when every case of
# every target is OK or INFORMATIONAL with a clean close; 1 on any FAILED, NON-STRICT, UNIMPLEMENTED
# or bad close; 2 when a run broke.
#
# env: JAVA_HOME      the JDK to build and run with (default: java on PATH)
#      SKIP_BUILD=1   use the classes already compiled
#      CASES          other case globs, e.g. '5.*,6.4.*' (mode "custom": no copy to results/); groups
#                     separated by ';' are split among the JOBS parts, e.g. '12.5.1;13.4.*'
#      AB_PYTHON      the suite's python (default /usr/bin/python3)
#      TIMEOUT        limit in seconds for the suite's run of one target (default 10800)
#      JOBS           run a target's cases in this many parts side by side, whole subsections each
#                     (default 1; more finishes sooner on a machine others keep busy)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK_CASES='1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*,12.1.*,13.1.*'
ALL_TARGETS=(async async-tls threaded threaded-tls client async-client)
export AB_PYTHON="${AB_PYTHON:-/usr/bin/python3}"
# the harness's limit per target run; a full run took over an hour on a loaded 2-core machine
export TIMEOUT="${TIMEOUT:-10800}"
JOBS="${JOBS:-1}"
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || { echo "autobahn: JOBS must be a positive number" >&2; exit 2; }

usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] && [ "$1" != "-h" ] && [ "$1" != "--help" ] || usage
SUITE="$(cd "$1" 2>/dev/null && pwd)" || { echo "autobahn: no folder $1" >&2; exit 2; }
MODE="${2:-quick}"
shift $(( $# >= 2 ? 2 : 1 ))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { echo "autobahn: unknown target '$t'" >&2; usage; }
done
case "$MODE" in
  quick) CASES="${CASES:-$QUICK_CASES}" ;;
  full) CASES="${CASES:-*}" ;;
  *) echo "autobahn: unknown mode '$MODE' (quick or full)" >&2; usage ;;
esac
[ "$CASES" = "$QUICK_CASES" ] || [ "$CASES" = '*' ] || MODE=custom
for f in fuzz-server.sh fuzz-client.sh src/autobahntestsuite/autobahntestsuite/wstest.py; do
  [ -e "$SUITE/$f" ] || { echo "autobahn: $SUITE has no $f: install the suite with the harness's setup.sh SUITE" >&2; exit 2; }
done

if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(readlink -f "$(command -v java)")"; fi
KEYTOOL="$(dirname "$JAVA")/keytool"
REPORTS="$ROOT/conformance/reports/$MODE"
RESULTS="$ROOT/conformance/results"

# ---------------------------------------------------------------- processes we start, stopped on exit
SERVER_PID=""
HARNESS_PIDS=()
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wspy-autobahn.XXXXXX")"
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
cleanup() {
  # each harness runs in a session of its own (setsid): stop every process of those sessions
  # (wstest and the client under test) by their ids
  for sid in "${HARNESS_PIDS[@]}"; do
    pids="$(ps -o pid= -s "$sid" 2>/dev/null || true)"
    [ -z "$pids" ] || kill $pids 2>/dev/null || true
  done
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== autobahn: building the test classes of wspy-server and wspy-client"
  # (sed: quiet Maven still prints colour resets)
  mvn -q -B -ntp -pl wspy-client -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/autobahn.classpath -Dmdep.includeScope=test 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
fi
[ -f wspy-server/target/autobahn.classpath ] || { echo "autobahn: no classpath; run without SKIP_BUILD=1" >&2; exit 2; }
# the JVM options of both the servers and the client, in an argument file (the classpath is long)
printf -- '--add-modules jdk.incubator.vector\n-cp "%s"\n' \
    "$ROOT/wspy-server/target/test-classes:$ROOT/wspy-server/target/classes:$ROOT/wspy-client/target/test-classes:$ROOT/wspy-client/target/classes:$(cat wspy-server/target/autobahn.classpath)" \
    > "$WORK/jvm.args"
JAVA_RUN=("$JAVA" "@$WORK/jvm.args")

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT (with uncommitted changes)"; fi
JDK="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.vendor/ {v=$2} /java.runtime.version/ {r=$2} END {print v " " r}')"
SUITE_VERSION="$(cd "$SUITE/src/autobahntestsuite" && "$AB_PYTHON" -c 'import autobahntestsuite, autobahn; print("autobahntestsuite %s (Python 3 port) on autobahn %s" % (autobahntestsuite.version, autobahn.version))')"

# ---------------------------------------------------------------- one target
keystore() {
  if [ ! -f "$WORK/server.p12" ]; then
    "$KEYTOOL" -genkeypair -keystore "$WORK/server.p12" -storetype PKCS12 -storepass autobahn \
        -alias server -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 \
        -ext san=ip:127.0.0.1,dns:localhost -validity 2 >/dev/null 2>&1
  fi
  echo "$WORK/server.p12"
}

start_server() { # KIND TLS(0/1) LOG -> sets SERVER_URL
  local args=("$1")
  [ "$2" = 0 ] || args+=("$(keystore)" autobahn)
  "${JAVA_RUN[@]}" io.wspy.server.conformance.EchoServerRunner "${args[@]}" > "$3" 2>&1 &
  SERVER_PID=$!
  SERVER_URL=""
  for _ in $(seq 1 600); do
    SERVER_URL="$(grep -m1 -E '^wss?://' "$3" || true)"
    [ -z "$SERVER_URL" ] || { warm_up "$SERVER_URL"; return; }
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "autobahn: the echo server did not start; its log:" >&2
  cat "$3" >&2
  return 1
}

# A few echoes, compressed and not, before the suite starts: its first cases allow one second for
# the whole exchange, which a cold JVM on a busy machine can miss on its first TLS connection.
warm_up() { # URL
  "$AB_PYTHON" - "$1" <<'EOF' || { echo "autobahn: the warm-up exchange with $1 failed" >&2; return 1; }
import asyncio, ssl, sys
import websockets
async def main(url):
    tls = None
    if url.startswith("wss:"):
        tls = ssl.create_default_context()
        tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    for compression in ("deflate", None):
        async with websockets.connect(url, ssl=tls, compression=compression, open_timeout=60,
                                      close_timeout=60, max_size=None) as ws:
            for size in (0, 125, 70000):
                await ws.send("x" * size)
                await asyncio.wait_for(ws.recv(), 60)
asyncio.run(main(sys.argv[1]))
EOF
}

free_port() {
  "$AB_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

split_cases() { # -> PARTS: the selected cases in $JOBS groups of whole subsections, run side by side
  PARTS=()
  local units=("1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*") i
  case "$CASES" in
    "$QUICK_CASES") units+=("12.1.*" "13.1.*") ;;
    # the compression sections: 12.1-12.5 (five payloads) and 13.1-13.7 (seven deflate offers)
    '*') units+=(12.{1..5}.\* 13.{1..7}.\*) ;;
    *) IFS=';' read -ra units <<< "$CASES" ;;
  esac
  for i in "${!units[@]}"; do
    local p=$(( i % JOBS ))
    PARTS[p]="${PARTS[p]:+${PARTS[p]},}${units[i]}"
  done
}

run_parts() { # OUT COMMAND... : runs COMMAND once per part, side by side, each in its own session;
  # COMMAND sees PART (its cases), PART_OUT (its report folder) and PART_PORT (a free loopback
  # port); returns the worst exit code
  local out="$1" i rc=0 worst=0
  shift
  local pids=()
  for i in "${!PARTS[@]}"; do
    mkdir -p "$out/part-$((i + 1))"
    PART="${PARTS[i]}" PART_OUT="$out/part-$((i + 1))" PART_PORT="$(free_port)" setsid "$@" > "$out/part-$((i + 1))/harness.log" 2>&1 &
    pids+=($!)
    HARNESS_PIDS+=($!)
  done
  for i in "${!pids[@]}"; do
    rc=0
    wait "${pids[i]}" || rc=$?
    cat "$out/part-$((i + 1))/harness.log"
    [ $rc -le $worst ] || worst=$rc
  done
  HARNESS_PIDS=()
  return $worst
}

run_target() { # TARGET -> exit code of its summary
  local target="$1" out="$REPORTS/$1" title agent rc=0 started
  rm -rf "$out"
  mkdir -p "$out"
  agent="wspy-$target"
  started="$(date -u '+%Y-%m-%d %H:%M UTC')"
  local load
  load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  local t0=$SECONDS
  split_cases
  case "$target" in
    client|async-client)
      local which=blocking
      title="blocking client (WebSocket + Connection, via EchoClientRunner)"
      if [ "$target" = async-client ]; then
        which=async
        title="non-blocking client (AsyncClient, via EchoClientRunner)"
      fi
      echo "== autobahn: $title, cases $CASES in ${#PARTS[@]} part(s)"
      printf -v cmd 'exec %q %q io.wspy.server.conformance.EchoClientRunner "$AUTOBAHN_URL" "$AGENT" %q' \
          "${JAVA_RUN[@]}" "$which"
      # a fuzzing server per part, each on its own port
      AGENT="$agent" run_parts "$out" bash -c 'PORT="$PART_PORT" CASES="$PART" exec "$0" "$1" "$PART_OUT"' \
          "$SUITE/fuzz-client.sh" "$cmd" || rc=$?
      ;;
    *)
      local kind=${target%-tls} tls=0
      [ "$target" = "$kind" ] || tls=1
      title="$( [ "$kind" = async ] && echo AsyncServer || echo Server )$( [ $tls = 1 ] && echo ' over TLS' || true )"
      start_server "$kind" "$tls" "$out/server.log" || return 2
      echo "== autobahn: $title at $SERVER_URL, cases $CASES in ${#PARTS[@]} part(s)"
      AGENT="$agent" run_parts "$out" bash -c 'exec "$0" "$1" "$PART" "$PART_OUT"' "$SUITE/fuzz-server.sh" "$SERVER_URL" || rc=$?
      if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "autobahn: the server under test died during the run; see $out/server.log" >&2
        rc=2
      fi
      stop_server
      ;;
  esac
  {
    printf 'target\t%s\n' "$title"
    printf 'cases\t%s: `%s`%s\n' "$MODE" "$CASES" "$( [ ${#PARTS[@]} = 1 ] || echo ", in ${#PARTS[@]} parts run side by side (JOBS=$JOBS)" )"
    printf 'date\t%s\n' "$started"
    printf 'commit\t%s\n' "$COMMIT"
    printf 'JDK\t%s\n' "$JDK"
    printf 'machine\t%s cores, %s %s, load average at start %s\n' "$(nproc)" "$(uname -s)" "$(uname -m)" "$load"
    printf 'suite\t%s\n' "$SUITE_VERSION"
    printf 'wall time\t%d s\n' $((SECONDS - t0))
  } > "$out/facts.tsv"
  local src=0
  "$AB_PYTHON" "$ROOT/conformance/summary.py" --outdir "$out"/part-*/ --agent "$agent" --title "$title" \
      --run-facts "$out/facts.tsv" --harness-rc "$rc" > "$out/summary.md" || src=$?
  if [ "$MODE" = full ]; then
    mkdir -p "$RESULTS"
    cp "$out/summary.md" "$RESULTS/$target.md"
  fi
  echo "-- $(tail -1 "$out/summary.md")"
  return $src
}

worst=0
for target in "${TARGETS[@]}"; do
  rc=0
  run_target "$target" || rc=$?
  [ $rc -le $worst ] || worst=$rc
done
echo "== autobahn: $MODE run of ${TARGETS[*]}: $( [ $worst = 0 ] && echo PASS || echo "FAIL (exit $worst)" ); summaries in $REPORTS/*/summary.md"
exit $worst
