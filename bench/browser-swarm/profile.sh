#!/usr/bin/env bash
# Diagnostic: one 64 MiB swarm transfer between two Chromium processes with the DevTools profiler
# on both pages; prints main-thread self time per function and the browsers' CPU seconds.
# Needs a prior online build like run.sh. Usage: bench/browser-swarm/profile.sh [-Dprofile.top=40]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/in-netns.sh mvn -B -ntp -q -o -pl e2e-tests -am verify -Dtest.groups=bench -Dtest.excludedGroups= \
  -Dtest=BrowserSwarmProfile -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep '^\[profile\]'
