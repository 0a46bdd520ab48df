#!/usr/bin/env bash
# Starts one real Elasticsearch 7.10.2 node in the background for CI and local tests, embedded
# through org.codelibs:elasticsearch-cluster-runner (server + analysis-common, from Maven Central).
# Idempotent: a node this script started and that still answers is reused.
#
# The last line on stdout is `ELASTICSEARCH_URL=http://127.0.0.1:<port>` (for `eval`); all
# progress goes to stderr, the node's own output to ci/elasticsearch/run/node.log.
#
# Environment (all optional):
#   ES_BASE_HTTP_PORT  base port; the node takes the first free port above it (default 9250 -> 9251)
#   ES_START_TIMEOUT   seconds to wait for cluster health yellow (default 180)
#   ES_JAVA_HEAP       "-Xms512m -Xmx1g" by default
#   ES_CLEAN=1         wipe the node's data before starting (only when no node of ours is running)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
run="$here/run"
base_port=${ES_BASE_HTTP_PORT:-9250}
timeout_s=${ES_START_TIMEOUT:-180}
heap=${ES_JAVA_HEAP:--Xms512m -Xmx1g}
log="$run/node.log"
pid_file="$run/node.pid"
port_file="$run/http.port"
cp_file="$run/classpath.txt"
cp_key_file="$run/classpath.key"
main_class=org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner

say() { echo "elasticsearch: $*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || fail "'$1' not found; $2"
}

# Health of the node on port $1, green or yellow within 1 s; prints the status.
health() {
  local body
  body=$(curl -fsS -m 5 "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null) || return 1
  case "$body" in
    *'"status":"green"'*) echo green ;;
    *'"status":"yellow"'*) echo yellow ;;
    *) return 1 ;;
  esac
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid=$(cat "$pid_file")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid that now belongs to something else.
  grep -q "$main_class" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# The HTTP port the node really bound: the runner silently moves up when the base+1 port is busy.
bound_port() {
  [[ -f "$log" ]] || return 1
  sed -n 's/.*AbstractHttpServerTransport.*publish_address {127\.0\.0\.1:\([0-9]*\)}.*/\1/p' "$log" | tail -n 1 | grep .
}

# Waits until the node in $1 answers yellow or green on its bound port; prints the port.
wait_ready() {
  local pid=$1 port="" status
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the node process (pid $pid) exited; last lines of $log:"
      tail -n 40 "$log" >&2 || true
      return 1
    fi
    if [[ -z "$port" ]]; then
      port=$(bound_port) || port=""
    fi
    if [[ -n "$port" ]] && status=$(health "$port"); then
      echo "$port" >"$port_file"
      say "node up on port $port, cluster health $status (pid $pid)"
      echo "$port"
      return 0
    fi
    sleep 1
  done
  say "no yellow cluster health within ${timeout_s}s; last lines of $log:"
  tail -n 40 "$log" >&2 || true
  return 1
}

# Class path of the node, resolved by Maven once per pom.xml and cached next to the data.
classpath() {
  local key
  key=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
  if [[ -f "$cp_file" && "$(cat "$cp_key_file" 2>/dev/null)" == "$key" ]]; then
    local jar missing=0
    while IFS= read -r jar; do
      [[ -f "$jar" ]] || missing=1
    done < <(tr ':' '\n' <"$cp_file")
    ((missing == 0)) && return 0
  fi
  need mvn "install Maven (apt-get install -y maven) or run ci/services.sh"
  say "resolving the node's class path with Maven (first run downloads ~50 MB into ~/.m2)"
  local mvn_log="$run/maven.log"
  if ! mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file.tmp" >"$mvn_log" 2>&1; then
    say "online resolution failed; retrying offline from ~/.m2"
    mvn -q -B -o -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file.tmp" >>"$mvn_log" 2>&1 ||
      { tail -n 30 "$mvn_log" >&2; fail "Maven could not resolve the class path (log: $mvn_log)"; }
  fi
  mv "$cp_file.tmp" "$cp_file"
  echo "$key" >"$cp_key_file"
}

need curl "install curl (apt-get install -y curl)"
mkdir -p "$run"

if pid=$(running_pid); then
  say "reusing the node already started by this script (pid $pid)"
  port=$(wait_ready "$pid") || fail "the running node (pid $pid) is not healthy; run ci/elasticsearch/stop.sh and retry"
  echo "ELASTICSEARCH_URL=http://127.0.0.1:$port"
  exit 0
fi
rm -f "$pid_file" "$port_file"

need java "install a JDK (apt-get install -y default-jdk-headless) or run ci/services.sh"
classpath

if [[ "${ES_CLEAN:-}" == 1 ]]; then
  say "wiping $run/node_1"
  rm -rf "$run/node_1"
fi
mkdir -p "$run/node_1/config" "$run/tmp"
# The runner keeps an existing elasticsearch.yml and writes its own template only when none is there.
cp "$here/elasticsearch.yml" "$run/node_1/config/elasticsearch.yml"

say "starting the node (base port $base_port, log $log)"
started=$SECONDS
# shellcheck disable=SC2086 # $heap holds several JVM options on purpose
(
  cd "$run"
  # setsid + nohup: the node outlives this script and the shell that called it.
  exec setsid nohup java $heap \
    -Des.distribution.flavor=default \
    -Dlog4j2.formatMsgNoLookups=true \
    -Dfile.encoding=UTF-8 \
    -Djava.awt.headless=true \
    -Djava.io.tmpdir="$run/tmp" \
    -cp "$(cat "$cp_file")" "$main_class" \
    -basePath "$run" -numOfNode 1 -baseHttpPort "$base_port" -clusterName aftalesog-ci \
    >"$log" 2>&1 </dev/null
) &
pid=$!
echo "$pid" >"$pid_file"

port=$(wait_ready "$pid") || {
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  fail "Elasticsearch did not start"
}
say "ready after $((SECONDS - started))s"
echo "ELASTICSEARCH_URL=http://127.0.0.1:$port"
