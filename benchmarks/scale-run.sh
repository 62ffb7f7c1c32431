#!/bin/sh
# scale-run.sh CORPUS WORK KEY: the commands of the 100M round in benchmarks/RESULTS.md (fifteenth
# round), one turn each through the project's launcher (its JVM settings, its build), with wall
# time, CPU and peak RSS from /usr/bin/time appended to WORK/times.txt. LakeBenchmark covers 1M and
# 10M with its paired turns and ratios; at 100M each command runs once, and this is that list.
# (The fifteenth round ran `key` with the ingest's JIT flags; the launcher gives it its own.)
set -eu
corpus=$1 work=$2 key=$3
trailsift="$(cd "$(dirname "$0")/.." && pwd)/trailsift"
mkdir -p "$work"
store=$work/store.duckdb lake=$work/lake
run() {
    name=$1; shift
    # a run that ends with exit 1 (damaged inputs, a failed rule) is recorded in times.txt, not fatal
    /usr/bin/time -f "$name %e s wall %U+%S s cpu %M KB rc=%x" -a -o "$work/times.txt" "$trailsift" "$@" || true
}
run ingest-store ingest "$corpus" --db "$store" --json > "$work/store.json"
run ingest-lake ingest "$corpus" --lake "$lake" --json > "$work/lake.json"
for turn in 1 2; do
    run key-store-$turn key "$key" --db "$store" > "$work/key-store.txt"
    run key-lake-$turn key "$key" --lake "$lake" > "$work/key-lake.txt"
done
run timeline-store timeline --key "$key" --follow --format jsonl --db "$store" > "$work/timeline-store.jsonl"
run timeline-lake timeline --key "$key" --follow --format jsonl --lake "$lake" > "$work/timeline-lake.jsonl"
run hunt-store hunt --db "$store" --format jsonl > "$work/hunt-store.jsonl"
run hunt-lake hunt --lake "$lake" --format jsonl > "$work/hunt-lake.jsonl"
du -sm "$store" "$lake/events" "$lake/derived" >> "$work/times.txt"
cat "$work/times.txt"
