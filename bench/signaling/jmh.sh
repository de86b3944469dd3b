#!/usr/bin/env bash
# JMH benchmark of the server's own work per relayed message (decode + route + encode), each frame
# kind printed as a ratio against UTF-8 encoding the same frame, measured in the same run
# (server/src/test/java/.../bench/RelayHotPathBenchmark). Bounded: about 1 minute.
# Usage: bench/signaling/jmh.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/server/target/bench.classpath"
cp="server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)"
out=server/target/jmh-relay.csv
java -cp "$cp" org.openjdk.jmh.Main 'io.swarmrtc.server.bench.RelayHotPathBenchmark' \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -rf csv -rff "$out" "$@" >/dev/null
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, p, "."); score[p[n] "/" $8] = $5; kinds[$8] = 1 }
  END {
    for (k in kinds) printf "relay %-12s %7.0f ns per message = %5.1fx UTF-8 encoding the frame (%.0f ns)\n",
      k, score["relay/" k], score["relay/" k] / score["baselineUtf8EncodeFrame/" k], score["baselineUtf8EncodeFrame/" k]
  }' "$out"
