#!/usr/bin/env bash
# Runs every test of swarmrtc. Extra arguments go to both Maven runs (e.g. -pl server -am).
#
# Phase 1: the whole build with every test that needs no WebRTC peer connection, on the host.
#          It also resolves every dependency, so phase 2 can run offline.
# Phase 2: tests tagged "netns" (they open peer connections: browsers, webrtc-java, TURN relays),
#          inside a fresh network namespace that has only test addresses and no registry.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp verify "$@"
scripts/in-netns.sh mvn -B -ntp -o verify -Dtest.groups=netns -Dtest.excludedGroups= \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
