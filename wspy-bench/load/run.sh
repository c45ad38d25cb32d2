#!/usr/bin/env bash
# The end-to-end load benchmark (see wspy-bench/README.md, "Load benchmark").
#
#   wspy-bench/load/run.sh [--no-build] [LoadBenchmark options...]
#
# Builds wspy-bench/target/benchmarks.jar (unless --no-build), then runs io.wspy.bench.load.LoadBenchmark
# pinned to CPU 0; it starts each echo server pinned to CPU 1 (--server-cpus) with the JVM given by
# --server-java (default: the JVM that runs the generator, $JAVA or java on the PATH).
# Options (defaults): --label run --out wspy-bench/results/load --rounds 3 --memory-rounds 3
#   --warmup 2 --measure 4 (seconds) --idle 10000 --heap 1g --servers all --scenarios all|none|NAME,...
#   (small, small+deflate, medium, medium+deflate, medium-text, large, large+deflate; binary messages
#   but for medium-text)
#   --server-jvm-arg ARG (repeatable), --histograms (jcmd class histograms around the idle test).
# Everything it starts is stopped when it ends or is interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
if [[ "${1:-}" == "--no-build" ]]; then
    build=0
    shift
fi
if [[ $build == 1 ]]; then
    mvn -q -pl wspy-bench -am package -DskipTests
fi

# 10,000 idle connections need as many descriptors in the generator and in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < 10100 )); then
    echo "warning: ulimit -n is $(ulimit -n); the idle test needs more than 10,000 descriptors" >&2
fi

# BENCH_JAR runs a copy of the jar, so that the tree can be rebuilt while a run goes on.
jar=${BENCH_JAR:-wspy-bench/target/benchmarks.jar}
runner=""
cleanup() {
    if [[ -n "$runner" ]]; then
        for child in $(pgrep -P "$runner" || true); do
            kill "$child" 2>/dev/null || true
        done
        kill "$runner" 2>/dev/null || true
    fi
}
trap cleanup EXIT INT TERM

taskset -c 0 "${JAVA:-java}" -Xms1g -Xmx1g -cp "$jar" io.wspy.bench.load.LoadBenchmark --jar "$jar" "$@" &
runner=$!
status=0
wait "$runner" || status=$?
runner=""
exit $status
