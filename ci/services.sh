#!/usr/bin/env bash
# Starts the real services the tests talk to: one Elasticsearch 7.10 node and Redis.
# Installs what is missing on a fresh Debian machine (JDK, Maven, curl, redis-server) first.
#
# Usage: env=$(bash ci/services.sh) || exit 1; eval "$env"    # both
#        env=$(bash ci/services.sh redis) || exit 1; ...       # only the named ones
# (A bare eval "$(bash ci/services.sh)" would hide a failure: eval of nothing succeeds.)
# Stdout carries only `export NAME=value` lines; progress and errors go to stderr.
# Exits non-zero, with a message naming the service and its log, when one cannot start.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
services=("$@")
((${#services[@]})) || services=(elasticsearch redis)

say() { echo "services: $*" >&2; }
fail() {
  say "ERROR: $*"
  exit 1
}

apt_updated=0
apt_install() {
  local sudo=""
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || fail "missing $*; install as root: apt-get install -y $*"
    sudo=sudo
  fi
  if ((apt_updated == 0)); then
    $sudo apt-get update -qq >&2 || fail "apt-get update failed"
    apt_updated=1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2 ||
    fail "apt-get install $* failed"
}

# Runs one start script and turns its last stdout line NAME=value into an export line.
start() {
  local name=$1 script=$2 var=$3 log=$4 out line
  out=$(bash "$script") || fail "$name could not start (see the messages above and $log)"
  line=$(tail -n 1 <<<"$out")
  [[ "$line" == "$var="* ]] || fail "$name: $script printed '$line' instead of $var=..."
  echo "export $line"
}

for service in "${services[@]}"; do
  case "$service" in
    elasticsearch)
      command -v curl >/dev/null 2>&1 || apt_install curl
      command -v java >/dev/null 2>&1 || apt_install default-jdk-headless
      command -v mvn >/dev/null 2>&1 || apt_install maven
      start Elasticsearch "$here/elasticsearch/start.sh" ELASTICSEARCH_URL "$here/elasticsearch/run/node.log"
      ;;
    redis)
      start Redis "$here/redis/start.sh" REDIS_URL "$here/redis/run/redis.log"
      ;;
    *) fail "unknown service '$service' (known: elasticsearch, redis)" ;;
  esac
done
