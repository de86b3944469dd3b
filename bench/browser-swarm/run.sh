#!/usr/bin/env bash
# Browser swarm benchmark: 64 MiB between Chromium processes through the swarm engine vs raw
# data-channel sends (same run, same backpressure; ratio swarm/raw), then 1 sharer -> 1 and -> 4
# downloaders. Runs inside scripts/in-netns.sh (needs a prior online build: mvn -pl e2e-tests -am
# verify -DskipTests). Bounded: a few minutes. Usage: bench/browser-swarm/run.sh [-Dbench.rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
# The server's shaded jar bundles client-js; rebuilt without `clean` it re-shades itself and keeps
# serving the client-js of an earlier build. Drop it so the pages run the current library.
rm -f server/target/swarmrtc-server.jar server/target/original-swarmrtc-server.jar
scripts/in-netns.sh mvn -B -ntp -q -o -pl e2e-tests -am verify -Dtest.groups=bench -Dtest.excludedGroups= \
  -Dtest=BrowserSwarmBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" >/dev/null
cat e2e-tests/target/browser-swarm-bench.txt
