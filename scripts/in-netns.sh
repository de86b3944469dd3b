#!/usr/bin/env bash
# Runs a command inside a fresh network namespace that holds only test addresses:
# lo (127.0.0.1) plus a veth pair with 127.0.0.2, because libwebrtc ignores loopback-only hosts
# (docs: ../shared/design.md §3-5). The namespace also gets its own PID and mount namespaces, so a
# killed run takes every browser, driver and server it started down with it, and `ip netns add`
# inside it never touches the host.
#
# Usage: scripts/in-netns.sh COMMAND [ARGS...]
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

flags=(--net --pid --fork --mount-proc)
[ "$(id -u)" = 0 ] || flags=(--map-root-user "${flags[@]}")

exec unshare "${flags[@]}" bash -c '
  set -euo pipefail
  ip link set lo up
  ip link add wrtc0 type veth peer name wrtc1
  ip addr add 127.0.0.2/32 dev wrtc0
  ip link set wrtc0 up
  ip link set wrtc1 up
  exec "$@"' in-netns "$@"
