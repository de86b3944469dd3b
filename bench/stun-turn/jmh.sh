#!/usr/bin/env bash
# JMH benchmarks of the STUN/TURN codec hot path (stun-turn/src/test/java/.../bench).
# Each figure is printed next to baselineCopyBindingDatagram, measured in the same run.
# Usage: bench/stun-turn/jmh.sh [JMH args, e.g. -f 1 -wi 2 -i 3 decodeBinding]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -pl stun-turn -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/stun-turn-test.classpath -Dmdep.includeScope=test
CP="stun-turn/target/test-classes:stun-turn/target/classes:$(cat stun-turn/target/stun-turn-test.classpath)"
exec java -cp "$CP" org.openjdk.jmh.Main io.swarmrtc.stunturn.bench.CodecBenchmark "$@"
