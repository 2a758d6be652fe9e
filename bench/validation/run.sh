#!/usr/bin/env bash
# What checking a hostile submission costs (see README.md): documents near the 1 MiB limit built to be expensive,
# read as the gateway reads them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk
work="$root/bench/validation/target"
mkdir -p "$work/classes"
[ -d scheduler-service/target/classes ] || ./mvnw -B -q -DskipTests install -pl scheduler-service -am
./mvnw -B -q dependency:build-classpath -pl scheduler-service -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="$root/scheduler-service/target/classes:$(cat "$work/classpath.txt")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$cp" -d "$work/classes" bench/validation/ValidationBench.java
echo "machine: $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp:$work/classes" ValidationBench
