#!/usr/bin/env bash
# A local 3-master Redis Cluster on loopback ports for the store tests (no replicas, no persistence).
#   scripts/redis-cluster.sh start   # starts 127.0.0.1:7001-7003 under var/cluster, prints REDIS_CLUSTER_NODES
#   scripts/redis-cluster.sh stop    # shuts the nodes down and removes var/cluster
# Then: REDIS_CLUSTER_NODES=127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003 npx jest test/store
# Ports can be changed with CLUSTER_PORTS="7101 7102 7103".
set -euo pipefail
cd "$(dirname "$0")/.."
PORTS=(${CLUSTER_PORTS:-7001 7002 7003})
DIR=var/cluster
nodes() { local IFS=,; local list=(); for p in "${PORTS[@]}"; do list+=("127.0.0.1:$p"); done; echo "${list[*]}"; }

start() {
  command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }
  for p in "${PORTS[@]}"; do
    if redis-cli -p "$p" ping >/dev/null 2>&1; then continue; fi
    mkdir -p "$DIR/$p"
    redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 2000 --dir "$DIR/$p" --save "" --appendonly no --daemonize yes \
      --logfile redis.log --pidfile "$PWD/$DIR/$p/redis.pid"
  done
  for p in "${PORTS[@]}"; do
    for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  if ! redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok'; then
    local addrs=(); for p in "${PORTS[@]}"; do addrs+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
    for _ in $(seq 1 100); do
      redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok' && break; sleep 0.1
    done
  fi
  redis-cli -p "${PORTS[0]}" cluster info | grep -q 'cluster_state:ok' || { echo "cluster did not reach state ok" >&2; exit 1; }
  echo "REDIS_CLUSTER_NODES=$(nodes)"
}

stop() {
  for p in "${PORTS[@]}"; do redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true; done
  rm -rf "$DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  nodes) nodes ;;
  *) echo "usage: $0 start|stop|nodes" >&2; exit 2 ;;
esac
