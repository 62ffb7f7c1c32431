#!/bin/sh
# The lake's benchmark (issue 18), same-run ratios through farm-bench (A and B alternate, the
# ratio is taken pair by pair): ingest --lake against ingest into a store, and against DuckDB's
# read_json into trailsift's columns; then hunt --lake against hunt on what the last pair wrote.
# Usage (from the repository root, after `mvn -B -DskipTests package`):
#   benchmarks/lake-bench.sh CORPUS WORK_DIR [PAIRS]
# WORK_DIR must be outside the repository; it ends holding WORK_DIR/lake and WORK_DIR/store.duckdb.
set -eu
corpus=$(cd "$1" && pwd)
work=$2
pairs=${3:-3}
mkdir -p "$work"
work=$(cd "$work" && pwd)
echo "load before: $(cat /proc/loadavg)"
farm-bench -n "$pairs" --warmup 0 --timeout 3600 \
  --vs "sh -c \"rm -f '$work/store.duckdb' '$work/store.duckdb.wal' && exec ./trailsift ingest '$corpus' --db '$work/store.duckdb' --json >>'$work/store-ingest.jsonl' 2>/dev/null\"" -- \
  sh -c "rm -rf '$work/lake' && exec ./trailsift ingest '$corpus' --lake '$work/lake' --json >>'$work/lake-ingest.jsonl' 2>/dev/null"
echo "load: $(cat /proc/loadavg)"
farm-bench -n 1 --warmup 0 --timeout 3600 \
  --vs "sh -c \"rm -f '$work/read_json.duckdb' && exec java -cp benchmarks/target/benchmarks.jar io.trailsift.bench.ReadJsonBaseline '$corpus' '$work/read_json.duckdb' >/dev/null 2>&1\"" -- \
  sh -c "rm -rf '$work/lake2' && exec ./trailsift ingest '$corpus' --lake '$work/lake2' --json >/dev/null 2>&1"
rm -rf "$work/lake2" "$work/read_json.duckdb"
echo "load: $(cat /proc/loadavg)"
farm-bench -n "$pairs" --warmup 1 --timeout 3600 \
  --vs "sh -c \"exec ./trailsift hunt --db '$work/store.duckdb' --format jsonl >'$work/hunt-store.jsonl' 2>/dev/null; true\"" -- \
  sh -c "exec ./trailsift hunt --lake '$work/lake' --format jsonl >'$work/hunt-lake.jsonl' 2>/dev/null; true"
echo "load after: $(cat /proc/loadavg)"
if cmp -s "$work/hunt-lake.jsonl" "$work/hunt-store.jsonl"; then echo "hunt: same findings on lake and store"; else echo "hunt: FINDINGS DIFFER"; fi
du -sb "$corpus" "$work/store.duckdb" "$work/lake/events" "$work/lake/objects" "$work/lake/fingerprints" "$work/lake/derived"
find "$work/lake/events" -name '*.parquet' | wc -l | sed 's/^/event files: /'
