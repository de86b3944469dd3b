#!/usr/bin/env bash
# Benchmark: our stun-turn server vs coturn's turnserver, same flags as far as they map, each
# pinned to CPU 0 with taskset, on loopback, driven by the same load generator (turnload.c,
# pinned to CPU 1). Throughput scenarios alternate between the two servers for ROUNDS rounds so
# both see the same machine noise; the reported ratio is the median of the per-round ratios.
# Memory per held allocation is measured on freshly started servers, one after the other.
#
# Usage: bench/stun-turn/run.sh [SECONDS_PER_MEASUREMENT=3] [ROUNDS=3] [all|throughput|memory]
# Needs: java 17+, maven, gcc, OpenSSL headers (libssl-dev), coturn (turnserver), taskset.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-3}
ROUNDS=${2:-3}
PHASES=${3:-all}
OUT=bench/stun-turn/results
mkdir -p "$OUT"
rm -f "$OUT/heap_per_alloc"
for tool in turnserver gcc taskset python3 mvn java jcmd jstat; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
[ "$SECS" -ge 1 ] && [ "$SECS" -le 30 ] && [ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 10 ] \
  || { echo "SECONDS in 1..30, ROUNDS in 1..10" >&2; exit 2; }

gcc -O2 -Wall -o "$OUT/turnload" bench/stun-turn/turnload.c -lcrypto
mvn -B -ntp -q -pl stun-turn -am package -DskipTests
JAR=$(ls stun-turn/target/swarmrtc-stun-turn-*.jar | head -1)
LOAD="taskset -c 1 $OUT/turnload"
OURS_PORT=34810
COTURN_PORT=34910
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_ours() {
  taskset -c 0 java -XX:+UseSerialGC -Xmx1g -jar "$JAR" --bind 127.0.0.1 --port $OURS_PORT \
    --realm bench --user bench:bench --allow-peer 127.0.0.0/8 --relay-ports 20000-39999 \
    --max-allocations 20000 --max-allocations-per-user 20000 --user-bandwidth 0 \
    > "$OUT/ours.log" 2>&1 &
  OURS_PID=$!; PIDS+=("$OURS_PID")
}
start_coturn() {
  # Same role: loopback only, long-term user bench:bench, realm bench, loopback peers allowed,
  # FINGERPRINT on, one relay thread, UDP+TCP listeners, no TLS/DTLS/CLI/RFC 5780, no quotas.
  taskset -c 0 turnserver -n --no-cli --no-tls --no-dtls -L 127.0.0.1 -E 127.0.0.1 \
    -p $COTURN_PORT --min-port 40000 --max-port 59999 -a -u bench:bench -r bench -f \
    --allow-loopback-peers -m 1 --no-rfc5780 --total-quota 20000 --user-quota 0 \
    --log-file "$OUT/coturn.log" --simple-log --no-stdout-log > /dev/null 2>&1 &
  COTURN_PID=$!; PIDS+=("$COTURN_PID")
}
wait_ready() { # binding round trips until the server answers (bounded: 20 s)
  for _ in $(seq 1 40); do
    local r; r=$(timeout 10 $LOAD binding "$1" 1 2>/dev/null | awk '/^RESULT/ {print $3}')
    if [ "${r:-0}" -gt 0 ]; then return 0; fi
    sleep 0.5
  done
  echo "server on port $1 did not come up" >&2; exit 1
}
measure() { # port mode args... -> value
  local port=$1 mode=$2; shift 2
  timeout $((SECS + 30)) $LOAD "$mode" "$port" "$SECS" "$@" | awk '/^RESULT/ {print $3}'
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Live Java heap after a full GC, in kB (only meaningful for our JVM; RSS hides heap reuse).
heap_kb() {
  jcmd "$1" GC.run >/dev/null 2>&1 || { echo 0; return; }
  jstat -gc "$1" | awk 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR==2 {printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]}'
}

RESULTS="$OUT/throughput.tsv"
if [ "$PHASES" != memory ]; then
echo "== throughput: $ROUNDS rounds x $SECS s per scenario, alternating servers"
start_ours; start_coturn
wait_ready $OURS_PORT; wait_ready $COTURN_PORT
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for scenario in "binding" "alloc bench bench" "relay100 bench bench 100" "relay1000 bench bench 1000"; do
    set -- $scenario
    name=$1; shift
    mode=${name%%[0-9]*}
    o=$(measure $OURS_PORT "$mode" "$@")
    c=$(measure $COTURN_PORT "$mode" "$@")
    printf '%s\t%s\t%s\t%s\n' "$round" "$name" "$o" "$c" | tee -a "$RESULTS"
  done
done
kill "$OURS_PID" "$COTURN_PID"; wait "$OURS_PID" "$COTURN_PID" 2>/dev/null || true
PIDS=()
fi

hold_rss() { # server-pid port -> "baseline rss1k rss10k" (kB)
  local pid=$1 port=$2
  # Same warm-up for both servers, then a settled baseline.
  $LOAD binding "$port" 1 >/dev/null; $LOAD alloc "$port" 1 bench bench >/dev/null
  $LOAD binding "$port" 1 >/dev/null
  HEAP0=$(heap_kb "$pid"); [ "$pid" = "${OURS_PID:-}" ] || HEAP0=0  # full GC first, then
  local base; base=$(rss_kb "$pid")                                  # the RSS baseline
  local fifo1="$OUT/hold1.fifo" fifo2="$OUT/hold2.fifo"
  rm -f "$fifo1" "$fifo2"; mkfifo "$fifo1" "$fifo2"
  $LOAD hold "$port" 1000 bench bench < "$fifo1" > "$OUT/hold1.out" & local h1=$!
  exec 7> "$fifo1"
  timeout 120 bash -c "until grep -q held '$OUT/hold1.out'; do sleep 0.2; done"
  local r1; r1=$(rss_kb "$pid")
  $LOAD hold "$port" 9000 bench bench < "$fifo2" > "$OUT/hold2.out" & local h2=$!
  exec 8> "$fifo2"
  timeout 300 bash -c "until grep -q held '$OUT/hold2.out'; do sleep 0.5; done"
  local r10; r10=$(rss_kb "$pid")
  if [ "$HEAP0" != 0 ]; then echo "$(( ($(heap_kb "$pid") - HEAP0) * 1024 / 10000 ))" > "$OUT/heap_per_alloc"; fi
  exec 7>&- 8>&-
  wait "$h1" "$h2" 2>/dev/null || true
  rm -f "$fifo1" "$fifo2"
  echo "$base $r1 $r10"
}

OB=0 O1=0 O10=0 CB=0 C1=0 C10=0
if [ "$PHASES" != throughput ]; then
echo "== memory per held allocation (fresh servers, one after the other)"
start_ours; wait_ready $OURS_PORT
read -r OB O1 O10 < <(hold_rss "$OURS_PID" $OURS_PORT)
kill "$OURS_PID"; wait "$OURS_PID" 2>/dev/null || true
start_coturn; wait_ready $COTURN_PORT
read -r CB C1 C10 < <(hold_rss "$COTURN_PID" $COTURN_PORT)
kill "$COTURN_PID"; wait "$COTURN_PID" 2>/dev/null || true
PIDS=()
printf 'ours\t%s\t%s\t%s\ncoturn\t%s\t%s\t%s\n' "$OB" "$O1" "$O10" "$CB" "$C1" "$C10" \
  | tee "$OUT/memory.tsv"
fi

python3 - "$RESULTS" "$OB" "$O1" "$O10" "$CB" "$C1" "$C10" <<'PY'
import statistics, sys
import os
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l] if os.path.exists(sys.argv[1]) else []
ob, o1, o10, cb, c1, c10 = map(float, sys.argv[2:8])
targets = {'binding': 1.2, 'alloc': 1.0, 'relay100': 1.0, 'relay1000': 1.0}
labels = {'binding': 'Binding responses/s', 'alloc': 'allocation cycles/s (401, Allocate, Refresh 0)',
          'relay100': 'ChannelData relayed pkts/s, 100 B', 'relay1000': 'ChannelData relayed pkts/s, 1000 B'}
print()
print('%-48s %12s %12s %8s %8s' % ('metric (median over rounds)', 'ours', 'coturn', 'ratio', 'target'))
for key in targets:
    rs = [(float(r[2]), float(r[3])) for r in rows if r[1] == key and r[2] and r[3]]
    if not rs:
        print('%-48s no data' % labels[key]); continue
    ratio = statistics.median(o / c for o, c in rs if c > 0)
    print('%-48s %12.0f %12.0f %7.2fx %7.1fx' % (labels[key], statistics.median(o for o, _ in rs),
          statistics.median(c for _, c in rs), ratio, targets[key]))
for n, o, c in ((1000, o1, c1), (10000, o10, c10)):
    if not (ob and cb):
        continue
    po, pc = (o - ob) * 1024 / n, (c - cb) * 1024 / n
    print('%-48s %11.0fB %11.0fB %7.2fx %8s' % ('RSS per held allocation at %dk' % (n // 1000), po, pc,
          po / pc if pc > 0 else float('nan'), '<= 1.0x'))
heap = os.path.join(os.path.dirname(sys.argv[1]), 'heap_per_alloc')
if ob and os.path.exists(heap):
    print('%-48s %11sB   (live Java objects after full GC; RSS deltas hide heap reuse)'
          % ('ours: Java heap per held allocation at 10k', open(heap).read().strip()))
PY
