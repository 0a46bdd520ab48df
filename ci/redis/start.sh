#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:$REDIS_PORT (default 6379) for CI and tests.
# An already answering server is reused as it is; otherwise Debian's redis-server is installed when
# missing and started daemonized, keeping nothing on disk. Idempotent.
#
# The last line on stdout is `REDIS_URL=redis://127.0.0.1:<port>` (for `eval`); progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
run="$here/run"
port=${REDIS_PORT:-6379}
timeout_s=${REDIS_START_TIMEOUT:-20}

say() { echo "redis: $*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

# Prints the server's one-line reply to PING (+PONG when usable, -NOAUTH... when it wants a password).
ping_reply() {
  if command -v redis-cli >/dev/null 2>&1; then
    local out
    out=$(timeout 3 redis-cli -h 127.0.0.1 -p "$port" ping 2>&1) || true
    [[ "$out" == PONG ]] && echo +PONG && return 0
    echo "-$out"
    return 1
  fi
  local reply
  reply=$(tcp_ping) || true
  echo "$reply"
  [[ "$reply" == +PONG ]]
}

# No redis-cli: speak RESP over bash's /dev/tcp (in a subshell, so no redirection leaks out).
tcp_ping() (
  exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
  printf 'PING\r\n' >&3
  reply=""
  IFS= read -r -t 3 reply <&3 || true
  printf '%s\n' "${reply%$'\r'}"
) 2>/dev/null

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

announce() {
  echo "REDIS_URL=redis://127.0.0.1:$port"
  exit 0
}

if ping_reply >/dev/null; then
  say "a Redis server already answers on 127.0.0.1:$port"
  announce
fi
if port_open; then
  fail "something listens on 127.0.0.1:$port but does not answer PING with PONG (reply: '$(ping_reply || true)'); free the port or set REDIS_PORT"
fi

if ! command -v redis-server >/dev/null 2>&1; then
  say "redis-server missing; installing Debian's package"
  sudo=""
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || fail "redis-server is missing and installing it needs root (apt-get install -y redis-server)"
    sudo=sudo
  fi
  $sudo apt-get update -qq >&2 || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >&2 || fail "apt-get install redis-server failed"
  # The package's own service start may already have brought one up.
  if ping_reply >/dev/null; then
    say "the freshly installed server answers"
    announce
  fi
fi

mkdir -p "$run"
say "starting redis-server on 127.0.0.1:$port (log $run/redis.log)"
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --dir "$run" --logfile "$run/redis.log" --pidfile "$run/redis.pid" >&2 ||
  fail "redis-server did not start"

deadline=$((SECONDS + timeout_s))
until ping_reply >/dev/null; do
  if ((SECONDS >= deadline)); then
    tail -n 20 "$run/redis.log" >&2 || true
    fail "redis-server did not answer PING within ${timeout_s}s"
  fi
  sleep 0.2
done
say "redis-server up"
announce
