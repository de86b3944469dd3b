# Sourced by the benchmark scripts: starts the built server jar on 127.0.0.1 with a free port and
# without the embedded STUN/TURN (no benchmark here measures it), and waits for its ready line.
#
#   start_bench_server LOG [JVM_OPTION...]   sets server_pid and port; exits with the log on failure
# The caller installs its own EXIT trap that kills "$server_pid".
start_bench_server() {
  local log=$1; shift
  java "$@" -jar server/target/swarmrtc-server.jar --host 127.0.0.1 --port 0 --no-stun >"$log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 150); do
    # The port comes from the server's one-line ready message (SwarmrtcServer).
    port=$(grep -o 'server ready: http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2 # polling the log for the ready line, bounded to 30 s
  done
  echo "server did not start" >&2; cat "$log"; exit 1
}
