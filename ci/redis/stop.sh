#!/usr/bin/env bash
# Stops the redis-server that ci/redis/start.sh started, by its pid file; a server that was
# already running before (e.g. the machine's own) is left alone.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pid_file="$here/run/redis.pid"

if [[ -f "$pid_file" ]] && pid=$(cat "$pid_file") && [[ -n "$pid" ]] &&
  grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
  echo "redis: stopping pid $pid" >&2
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
else
  echo "redis: no server started by start.sh is running" >&2
fi
rm -f "$pid_file"
