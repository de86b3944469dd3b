#!/usr/bin/env bash
# JMH benchmark of the swarm hot paths (64 KiB PIECE encode/decode, 256 KiB piece verification, the
# request picker of a 4,096-piece download), each printed as a ratio against its floor measured in
# the same run (a plain 64 KiB copy; a bare SHA-256; one sort of the missing pieces, which is what
# every event cost before the picker was incremental).
# Usage: bench/swarm-hotpaths.sh [extra JMH args]   (bounded: ~1.5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run: compile, then write each module's test classpath (swarm's is written last).
mvn -B -ntp -q -pl swarm -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/swarm/target/bench.classpath"
cp="swarm/target/test-classes:swarm/target/classes:$(cat swarm/target/bench.classpath)"
out=swarm/target/jmh-hotpaths.csv
java -cp "$cp" org.openjdk.jmh.Main 'io.swarmrtc.swarm.bench.(SwarmHotPath|Picker)Benchmark' \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -rf csv -rff "$out" "$@" >/dev/null
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, p, "."); name = p[n]; score[name] = $5 }
  END {
    printf "encode 64 KiB PIECE   %8.0f ops/s = %.2fx a plain 64 KiB copy\n", score["encodePiece64KiB"], score["encodePiece64KiB"] / score["baselineCopy64KiB"]
    printf "decode 64 KiB PIECE   %8.0f ops/s = %.0fx a plain 64 KiB copy (zero-copy)\n", score["decodePiece64KiB"], score["decodePiece64KiB"] / score["baselineCopy64KiB"]
    printf "verify 256 KiB piece  %8.0f ops/s = %.2fx a bare SHA-256\n", score["verifyPiece256KiB"], score["verifyPiece256KiB"] / score["baselineSha256Piece256KiB"]
    printf "refill 16 requests    %8.0f ops/s = %.1fx one sort of 4,096 missing pieces (the old per-event cost)\n", score["refillAfterChokeAndUnchoke"], score["refillAfterChokeAndUnchoke"] / score["baselineFullSort"]
  }' "$out"
