#!/usr/bin/env bash
# Java -> Java swarm benchmark (not a test). Inside a network namespace, it starts the server jar on
# loopback and then, in alternating rounds: the raw webrtc-java data channel (64 KiB messages, the
# engine's 1 MiB in-flight bound) and a swarm share -> download of the same size, each in two
# shapes: both ends in one JVM, and the receiving end (raw receiver, swarm downloader) in a second
# JVM, as users run two peers. It prints throughput, the ratio swarm/raw per shape (target >= 0.90,
# for the two-JVM shape), CPU time per MiB of both ends, and packets and UDP receive-buffer drops
# per MiB (the network threads pay per packet; drops explain noisy runs). Then a separate
# downloader JVM (-Xmx256m) fetches a large file and reports its heap (MemoryMXBean) and RSS
# (/proc/self/status) peaks.
# WARMUP_ROUNDS (default 0) runs that many rounds first and leaves them out of the figures: steady
# state, after both JVMs compiled the hot code (the swarm has far more of it than the raw channel).
# Bounded: 4 x (WARMUP_ROUNDS + ROUNDS) x ROUND_MIB plus one MEMORY_MIB download; everything it
# starts is stopped.
#
#   scripts/in-netns.sh bench/java-swarm/run.sh                  # 3 x 256 MiB, then 1 GiB
#   ROUNDS=1 ROUND_MIB=64 MEMORY_MIB=0 scripts/in-netns.sh bench/java-swarm/run.sh
#   WARMUP_ROUNDS=1 MEMORY_MIB=0 scripts/in-netns.sh bench/java-swarm/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
ROUND_MIB=${ROUND_MIB:-256}
MEMORY_MIB=${MEMORY_MIB:-1024}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-0}
OUT=bench/java-swarm/results
WORK=${WORK:-$(mktemp -d /tmp/java-swarm-bench.XXXXXX)}
mkdir -p "$OUT" bench/java-swarm/target/classes

if [ ! -f peer/target/swarmrtc-peer.jar ] || [ ! -f server/target/swarmrtc-server.jar ] || [ -n "${REBUILD:-}" ]; then
  mvn -B -ntp -q -o -pl peer,server -am package -DskipTests
fi
javac --release 17 -cp peer/target/swarmrtc-peer.jar -d bench/java-swarm/target/classes \
  $(find bench/java-swarm/src -name '*.java')

log="$WORK/server.log"
. bench/lib/server.sh
trap 'kill "${server_pid:-}" 2>/dev/null || true; wait "${server_pid:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_bench_server "$log" -Xmx256m -XX:-UsePerfData

java ${BENCH_OPTS:-} -Xmx512m -XX:-UsePerfData -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/java-swarm/target/classes:peer/target/swarmrtc-peer.jar" \
  io.swarmrtc.bench.javaswarm.JavaSwarmBench "http://127.0.0.1:$port" "$WORK/data" "$ROUNDS" "$ROUND_MIB" \
  "$MEMORY_MIB" "$(pwd)/peer/target/swarmrtc-peer.jar" "$WARMUP_ROUNDS" | tee "$OUT/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
