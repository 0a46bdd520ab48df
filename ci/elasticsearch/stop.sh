#!/usr/bin/env bash
# Stops the Elasticsearch node that ci/elasticsearch/start.sh started (only that one, by its pid).
# Its data stays in ci/elasticsearch/run/node_1 unless ES_CLEAN=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
run="$here/run"
pid_file="$run/node.pid"

say() { echo "elasticsearch: $*" >&2; }

if [[ -f "$pid_file" ]]; then
  pid=$(cat "$pid_file")
  if [[ -n "$pid" ]] && grep -q org.codelibs.elasticsearch.runner "/proc/$pid/cmdline" 2>/dev/null; then
    say "stopping pid $pid"
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "pid $pid still alive after 30s; sending KILL"
      kill -9 "$pid"
    fi
  else
    say "pid file found but no node of ours runs as pid ${pid:-?}"
  fi
  rm -f "$pid_file" "$run/http.port"
else
  say "no node started by start.sh is running"
fi

if [[ "${ES_CLEAN:-}" == 1 ]]; then
  rm -rf "$run/node_1"
fi
