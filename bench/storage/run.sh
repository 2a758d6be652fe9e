#!/usr/bin/env bash
# The storage tier's benchmarks on the local stack (see README.md):
#   transfer   TRANSFER_BYTES (1 GiB) up and down through the storage-service, against the MinIO SDK straight to the bucket
#   tail       the last 100 lines of a TAIL_BYTES (10 GiB) output stored in blocks, READS (20) times
#
#   bench/storage/run.sh                       # starts the stack if needed (deploy/local/stack up), leaves it running
#   TAIL_BYTES=1073741824 bench/storage/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

work="$root/bench/storage/target"
mkdir -p "$work/classes"
deploy/local/stack up >/dev/null
lib="$root/storage-service/target/quarkus-app/lib/main/*"
"$JAVA_HOME/bin/javac" -nowarn -cp "$lib" -d "$work/classes" bench/StackCredentials.java bench/storage/StorageBench.java
bench=("$JAVA_HOME/bin/java" -Xmx512m -cp "$lib:$work/classes" StorageBench)

echo "machine: $(nproc) cores"
"${bench[@]}" transfer "${TRANSFER_BYTES:-1073741824}" "${ROUNDS:-3}" "$work"
rm -f "$work"/transfer-*.bin
"${bench[@]}" tail "${TAIL_BYTES:-10737418240}" "${READS:-20}" "$work"
