#!/usr/bin/env bash
# Signaling load benchmark: starts the server jar (-Xmx1g) on loopback, drives many WebSocket peers in
# rooms of 2-8 relaying offers at a fixed rate, and prints connected peers, relay latency p50/p99
# (against a 2-peer baseline measured in the same run), messages/s and server heap per connection,
# and where the tail comes from: slow samples by 100 ms window of send time, server pings seen per
# window (the heartbeat must not arrive in bursts) and how far the sender fell behind its schedule.
# Bounded: PEERS connections, RATE msgs/s for DURATION seconds, then everything is stopped.
#
#   bench/signaling/run.sh                      # 10,000 peers, 5,000 msgs/s, 30 s
#   PEERS=2000 RATE=1000 DURATION=10 bench/signaling/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PEERS=${PEERS:-10000}
RATE=${RATE:-5000}
DURATION=${DURATION:-30}
OUT=bench/signaling/results
mkdir -p "$OUT"

# Each side holds one socket per peer: both JVMs need that many descriptors.
need=$((PEERS + 1000))
if [ "$(ulimit -n)" -lt "$need" ]; then ulimit -n "$need" 2>/dev/null || {
  echo "ulimit -n is $(ulimit -n); $need needed for $PEERS peers" >&2; exit 1; }; fi

mvn -B -ntp -q -pl server -am package -DskipTests
mvn -B -ntp -q -f bench/signaling/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt

log="$OUT/server.log"
. bench/lib/server.sh
trap 'kill "${server_pid:-}" 2>/dev/null || true; wait "${server_pid:-}" 2>/dev/null || true' EXIT
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of JVM options
start_bench_server "$log" -Xmx1g -Xms256m ${SERVER_JAVA_OPTS:-}

java -Xmx2g -cp "bench/signaling/target/classes:$(cat bench/signaling/target/cp.txt)" \
  io.swarmrtc.bench.signaling.SignalingLoad --port "$port" --server-pid "$server_pid" \
  --peers "$PEERS" --rate "$RATE" --seconds "$DURATION" | tee "$OUT/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
