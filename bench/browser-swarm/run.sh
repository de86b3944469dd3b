#!/usr/bin/env bash
# Browser swarm benchmark: 64 MiB between Chromium processes through the swarm engine vs raw
# data-channel sends (same run, same backpressure; ratio swarm/raw), then 1 sharer -> 1 and -> 4
# downloaders. Runs inside scripts/in-netns.sh (needs a prior online build: mvn -pl e2e-tests -am
# verify -DskipTests). Bounded: a few minutes. Usage: bench/browser-swarm/run.sh [-Dbench.rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/in-netns.sh mvn -B -ntp -q -o -pl e2e-tests -am verify -Dtest.groups=bench -Dtest.excludedGroups= \
  -Dtest=BrowserSwarmBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" >/dev/null
cat e2e-tests/target/browser-swarm-bench.txt
