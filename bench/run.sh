#!/usr/bin/env bash
# The performance benchmarks of docs/performance.md, end to end. One command regenerates
# bench/results/*, docs/performance.svg and docs/performance.md:
#
#   bench/run.sh
#
# It builds the jar, generates the traces with `vmapref gen`, times `java -jar vmapref.jar replay`
# as a whole process (RUNS runs each: median and spread, peak RSS from /usr/bin/time -v), checks
# that every run prints the same output (sha256), replays the same traces with the naive oracle
# (each naive run capped at NAIVE_BUDGET seconds), measures the heap footprint (JOL) and a
# streaming run under a small -Xmx, runs the JMH benchmarks (mvn -Pbench), and rewrites the docs
# with bench/report.py. Every heavy step runs under `flock $LOCK` so that it shares the machine
# politely (LOCK_ONCE=1: hold the lock once for the whole run instead, when the queue is long).
# Knobs (environment): RUNS, SCALE_RUNS, HEADLINE_OPS, HEADLINE_LIVE, SCALE_OPS, NAIVE_BUDGET, STREAM_OPS, XMX, JMH=0 to skip JMH,
# FOOTPRINT=0 to skip the JOL footprint, VARIANT=0 to skip the System.arraycopy variant, WORK
# (traces, /tmp), BUILD (build folders).
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/.."
LOCK=${LOCK:-/tmp/vmapref-heavy.lock}
if [ "${LOCK_ONCE:-0}" = 1 ] && [ -z "${VMAPREF_BENCH_LOCKED:-}" ]; then
  VMAPREF_BENCH_LOCKED=1 exec flock "$LOCK" "$SELF" "$@"
fi
ROOT=$PWD
RUNS=${RUNS:-3}
SCALE_RUNS=${SCALE_RUNS:-$RUNS}
FOOTPRINT=${FOOTPRINT:-1}
SCALE_OPS=${SCALE_OPS:-200000}
NAIVE_BUDGET=${NAIVE_BUDGET:-60}
STREAM_OPS=${STREAM_OPS:-10000000}
XMX=${XMX:-16m}
HEADLINE_OPS=${HEADLINE_OPS:-1000000}
HEADLINE_LIVE=${HEADLINE_LIVE:-20000}
JMH=${JMH:-1}
VARIANT=${VARIANT:-1}
WORK=${WORK:-/tmp/vmapref-bench}
BUILD=${BUILD:-/tmp/vmapref-bench-build}
RES=$ROOT/bench/results
SEED=1
mkdir -p "$WORK" "$RES"

heavy() { if [ -n "${VMAPREF_BENCH_LOCKED:-}" ]; then "$@"; else flock "$LOCK" "$@"; fi; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# wall seconds from a /usr/bin/time -v report ("h:mm:ss" or "m:ss.ss"): time spent waiting for
# the lock is not counted
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/ {print $2}' "$1"; }

# timed OUT CMD...: runs CMD under the lock and /usr/bin/time -v, stdout to OUT; prints "seconds max_rss_kb"
timed() {
  local out=$1 tv=$WORK/time.txt status=0; shift
  heavy /usr/bin/time -v -o "$tv" "$@" > "$out" || status=$?
  [ "$status" -eq 0 ] || { echo "command failed ($status): $*" >&2; return "$status"; }
  echo "$(elapsed "$tv") $(rss "$tv")"
}

log "build"
heavy mvn -q -B -DskipTests -Dvmapref.buildDir="$BUILD/app" package
JAR=$BUILD/app/vmapref.jar
if [ "$JMH" = 1 ] || [ "$FOOTPRINT" = 1 ]; then
  heavy mvn -q -B -Pbench -DskipTests -Dvmapref.buildDir="$BUILD/bench" package
fi

log "machine"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}'), $(nproc) cores"
  echo "memory: $(free -m | awk '/Mem:/ {print $2}') MiB"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "default gc: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 ~ /^Use(G1|Serial|Parallel|Z|Shenandoah)GC$/ && $4 == "true" {print $2}')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: RUNS=$RUNS SCALE_RUNS=$SCALE_RUNS HEADLINE_OPS=$HEADLINE_OPS HEADLINE_LIVE=$HEADLINE_LIVE SCALE_OPS=$SCALE_OPS NAIVE_BUDGET=$NAIVE_BUDGET STREAM_OPS=$STREAM_OPS XMX=$XMX JMH=$JMH FOOTPRINT=$FOOTPRINT VARIANT=$VARIANT LOCK_ONCE=${LOCK_ONCE:-0}"
} > "$RES/machine.txt"

log "traces"
echo "trace,ops,live,seed,seconds,bytes" > "$RES/gen.csv"
gen() { # gen NAME OPS LIVE
  local t
  t=$(timed "$WORK/$1.trace" java -XX:+UseSerialGC -jar "$JAR" gen --ops "$2" --live "$3" --seed "$SEED")
  echo "$1,$2,$3,$SEED,${t% *},$(stat -c %s "$WORK/$1.trace")" >> "$RES/gen.csv"
}
gen t1m-20k "$HEADLINE_OPS" "$HEADLINE_LIVE"
for live in 1000 5000 20000 100000; do
  gen "scale-$live" "$SCALE_OPS" "$live"
done
head -n 12 "$WORK/t1m-20k.trace" > "$WORK/t10.trace"   # 2 comment lines, 10 operations

log "headline: 1M operations, 20k live"
echo "config,run,seconds,max_rss_kb,sha256" > "$RES/e2e.csv"
e2e() { # e2e CONFIG RUN JAVA-ARGS...
  local config=$1 run=$2 t; shift 2
  t=$(timed "$WORK/e2e.out" java "$@" replay "$WORK/t1m-20k.trace")
  echo "$config,$run,${t% *},${t#* },$(sha256sum < "$WORK/e2e.out" | cut -c1-64)" >> "$RES/e2e.csv"
}
for run in $(seq "$RUNS"); do e2e port "$run" -jar "$JAR"; done
for run in $(seq "$RUNS"); do e2e port-serialgc "$run" -XX:+UseSerialGC -jar "$JAR"; done
e2e "port-xmx$XMX" 1 "-Xmx$XMX" -jar "$JAR"

if [ "$VARIANT" = 1 ]; then
  log "variant: VmapAreaTree.insert/remove with System.arraycopy (not the port; measurement only)"
  if python3 "$ROOT/bench/arraycopy_variant.py" "$ROOT/src/main/java" "$WORK/variant/src"; then
    rm -rf "$WORK/variant/classes"
    heavy javac -nowarn -d "$WORK/variant/classes" $(find "$WORK/variant/src" -name '*.java')
    for run in $(seq "$RUNS"); do e2e variant-arraycopy "$run" -cp "$WORK/variant/classes" vmapref.cli.Main; done
    for run in $(seq "$RUNS"); do
      e2e variant-arraycopy-serialgc "$run" -XX:+UseSerialGC -cp "$WORK/variant/classes" vmapref.cli.Main
    done
  fi
fi

log "start-up: 10-line trace"
echo "run,seconds,max_rss_kb" > "$RES/startup.csv"
for run in $(seq 10); do
  t=$(timed "$WORK/t10.out" java -jar "$JAR" replay "$WORK/t10.trace")
  echo "$run,${t% *},${t#* }" >> "$RES/startup.csv"
done

log "streaming: $STREAM_OPS operations through a pipe, -Xmx$XMX on both ends"
echo "ops,live,bytes,xmx,seconds,replay_max_rss_kb,lines_out" > "$RES/stream.csv"
stream() {
  java "-Xmx$XMX" -XX:+UseSerialGC -jar "$JAR" gen --ops "$STREAM_OPS" --live 1000 --seed "$SEED" \
    | tee >(wc -c > "$WORK/stream.bytes") \
    | /usr/bin/time -v -o "$WORK/stream.time" java "-Xmx$XMX" -jar "$JAR" replay - | wc -l > "$WORK/stream.lines"
}
heavy bash -c "$(declare -f stream); XMX=$XMX JAR=$JAR STREAM_OPS=$STREAM_OPS SEED=$SEED WORK=$WORK stream"
sleep 1
echo "$STREAM_OPS,1000,$(cat "$WORK/stream.bytes"),$XMX,$(elapsed "$WORK/stream.time"),$(rss "$WORK/stream.time"),$(cat "$WORK/stream.lines")" >> "$RES/stream.csv"

log "scaling: port and naive oracle, $SCALE_OPS operations per trace"
echo "live,ops,engine,run,seconds,max_rss_kb,status,sha256" > "$RES/scaling.csv"
for live in 1000 5000 20000 100000; do
  for run in $(seq "$SCALE_RUNS"); do
    t=$(timed "$WORK/scale-port.out" java -jar "$JAR" replay "$WORK/scale-$live.trace")
    echo "$live,$SCALE_OPS,port,$run,${t% *},${t#* },ok,$(sha256sum < "$WORK/scale-port.out" | cut -c1-64)" >> "$RES/scaling.csv"
  done
  if t=$(timed "$WORK/scale-naive.out" timeout "$NAIVE_BUDGET" java -jar "$JAR" replay --engine naive \
      "$WORK/scale-$live.trace" 2>/dev/null); then
    echo "$live,$SCALE_OPS,naive,1,${t% *},${t#* },ok,$(sha256sum < "$WORK/scale-naive.out" | cut -c1-64)" >> "$RES/scaling.csv"
  elif [ $? -eq 124 ]; then
    echo "$live,$SCALE_OPS,naive,1,$NAIVE_BUDGET,,capped," >> "$RES/scaling.csv"
  else
    echo "$live,$SCALE_OPS,naive,1,,,failed," >> "$RES/scaling.csv"
  fi
done

BCP=$BUILD/bench/classes:$(cat "$BUILD/bench/bench.classpath" 2>/dev/null || true)
if [ "$FOOTPRINT" = 1 ]; then
  log "footprint (JOL)"
  echo "trace,engine,areas,live,bytes,bytes_per_area" > "$RES/footprint.csv"
  for trace in scale-1000 scale-5000 scale-20000 scale-100000; do
    line=$(heavy java -Djdk.attach.allowAttachSelf=true -cp "$BCP" vmapref.bench.Footprint port "$WORK/$trace.trace" 2>/dev/null)
    echo "$trace,$line" >> "$RES/footprint.csv"
  done
fi
if [ "$JMH" = 1 ]; then
  log "JMH"
  # the naive oracle needs minutes to build a 100k-area state (every alloc scans from the bottom)
  for bench in CoreOpsBenchmark PurgeBenchmark; do
    heavy java -cp "$BCP" org.openjdk.jmh.Main -p engine=port -p live=1000,20000,100000 \
      -rf json -rff "$RES/jmh-$bench-port.json" \
      "$bench" > "$WORK/jmh-$bench-port.log"
    heavy java -cp "$BCP" org.openjdk.jmh.Main -p engine=naive -p live=1000,20000 \
      -rf json -rff "$RES/jmh-$bench-naive.json" "$bench" > "$WORK/jmh-$bench-naive.log"
  done
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RES/machine.txt"
log "report"
python3 "$ROOT/bench/report.py"
log "done: docs/performance.md, docs/performance.svg, bench/results/"
