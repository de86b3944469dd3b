#!/usr/bin/env bash
# Browser memory during a large download (not a test): one Chromium shares a 1 GiB file from the
# share page, another downloads it into OPFS with the library; prints both tabs' renderer memory
# and V8 heap before, at every quarter and at the peak, against the file size. Runs inside
# scripts/in-netns.sh (needs a prior online build like run.sh). Bounded: one download, a few
# minutes. Usage: bench/browser-swarm/memory.sh [-Dbench.memoryMiB=1024]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/in-netns.sh mvn -B -ntp -q -o -pl e2e-tests -am verify -Dtest.groups=bench -Dtest.excludedGroups= \
  -Dtest=BrowserMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" >/dev/null
cat e2e-tests/target/browser-memory-bench.txt
