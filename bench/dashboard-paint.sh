#!/usr/bin/env bash
# First meaningful paint of every dashboard page on the 10M-event BenchShop store (docs/benchmarks.md).
# usage: bench/dashboard-paint.sh SHOPDIR [runs]   (SHOPDIR: a BenchShop directory, e.g. /tmp/shop10m1m)
# needs the packaged server (./mvnw -q package -DskipTests) and Debian chromium + chromedriver
set -euo pipefail
shop=${1:?usage: bench/dashboard-paint.sh SHOPDIR [runs]}; runs=${2:-3}
cd "$(dirname "$0")/.."
jar=server/target/dataeye-server.jar
d=${TMPDIR:-/tmp}/dataeye-paint; rm -rf $d; mkdir -p $d
port=18080
java -Xmx1g -jar $jar --server.port=$port --dataeye.data-dir=$d --dataeye.demo.enabled=false > /tmp/paint-server1.log 2>&1 &
pid=$!
for i in $(seq 1 120); do curl -sf localhost:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
pw=$(cat $d/initial-admin-password)
curl -s -u admin:$pw -H 'Content-Type: application/json' -d '{"id":"bench","name":"Bench shop (10M events)"}' localhost:$port/api/v1/projects | head -c 200; echo
kill $pid; wait $pid || true
cp $shop/events.duckdb $d/events.duckdb
java -Xmx1g -jar $jar --server.port=$port --dataeye.data-dir=$d --dataeye.demo.enabled=false > /tmp/paint-server2.log 2>&1 &
pid=$!
for i in $(seq 1 600); do curl -sf localhost:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
echo "server up after ${i}s"
# the segment list shows stored sizes: wait for the start's catch-up to count yesterday's (a shop that has
# been running has them from the nightly job), so the pages are measured in their steady state
for i in $(seq 1 600); do
  curl -s -u admin:$pw localhost:$port/api/v1/projects/bench/segments | node -e '
    let b = ""; process.stdin.on("data", (d) => (b += d)).on("end", () => {
      const r = JSON.parse(b); process.exit(Object.keys(r.latest_sizes || {}).length >= r.segments.length ? 0 : 1); });' && break
  sleep 1
done
echo "segment sizes stored after ${i}s more"
./mvnw -o -q -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
java -cp server/target/test-classes:server/target/classes:$(cat /tmp/cp.txt) \
  com.dataeye.server.dashboard.DashboardPaint http://localhost:$port $pw bench 2026-10-25 2026-11-23 $runs
kill $pid; wait $pid || true
