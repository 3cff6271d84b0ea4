#!/usr/bin/env bash
# Starts (or stops) a Docker-API-compatible container engine for the container tests and builds the
# images they use, without any registry:
#   scripts/container-engine.sh start   # install rootful Podman if needed, start its Docker API, build images
#   scripts/container-engine.sh stop    # remove containers and volumes, stop the API service
#   scripts/container-engine.sh status  # exit 0 when an engine answers
# An engine that already answers (Docker itself, or Podman started earlier) is used as it is; only the
# test images are added. Installing needs root and apt (Debian/Ubuntu); elsewhere start Docker yourself.
set -euo pipefail

SOCK_DIR=/run/podman
SOCK="$SOCK_DIR/podman.sock"
PIDFILE="$SOCK_DIR/service.pid"
LOG=/var/log/podman-service.log
IMAGE=local/busybox:latest

ping_socket() { [ -S "$1" ] && [ "$(curl -s --max-time 2 --unix-socket "$1" http://d/_ping 2>/dev/null)" = OK ]; }

engine_socket() {
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" != "$DOCKER_HOST" ] && ping_socket "${DOCKER_HOST#unix://}"; then
    echo "${DOCKER_HOST#unix://}"; return 0
  fi
  for candidate in /var/run/docker.sock "$SOCK"; do
    if ping_socket "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

install_podman() {
  if command -v podman >/dev/null && command -v runc >/dev/null && [ -x /bin/busybox ] && command -v curl >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "container-engine: no engine answers and Podman cannot be installed here (needs root and apt);" \
      "start Docker or Podman yourself and set DOCKER_HOST" >&2
    exit 1
  fi
  echo "container-engine: installing podman, runc, busybox-static, curl (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q podman runc busybox-static curl >/dev/null
}

configure_podman() {
  mkdir -p /etc/containers
  # Without CAP_SYS_RESOURCE podman's default ulimits (1048576) make every container fail with
  # "setrlimit ... Operation not permitted": pin them to the real hard limits (nproc <= 32768).
  local nofile nproc
  nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
  if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then nofile=1048576; fi
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
  if [ ! -f /etc/containers/containers.conf ] || ! grep -q 'chengis' /etc/containers/containers.conf; then
    cat > /etc/containers/containers.conf <<CONF
# written by chengis scripts/container-engine.sh
[containers]
default_ulimits = [
  "nofile=${nofile}:${nofile}",
  "nproc=${nproc}:${nproc}",
]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
# crun 1.8 refuses a cgroup v1 hybrid layout; runc handles it.
runtime = "runc"
CONF
  fi
  if [ ! -f /etc/containers/storage.conf ]; then
    cat > /etc/containers/storage.conf <<CONF
[storage]
driver = "overlay"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
CONF
  fi
}

start_podman_service() {
  mkdir -p "$SOCK_DIR"
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && ping_socket "$SOCK"; then
    return 0
  fi
  rm -f "$SOCK"
  setsid podman system service --time=0 "unix://$SOCK" >"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 300); do ping_socket "$SOCK" && break; sleep 0.1; done
  ping_socket "$SOCK" || { echo "container-engine: podman did not start; its log:" >&2; cat "$LOG" >&2; exit 1; }
  if [ ! -e /var/run/docker.sock ]; then ln -s "$SOCK" /var/run/docker.sock; fi
}

# Builds local/busybox:latest from Debian's static busybox through the Docker API (POST /images/create
# with fromSrc=-), so it works with Docker as well as with Podman.
build_images() {
  local sock=$1
  if curl -s --unix-socket "$sock" "http://d/images/$IMAGE/json" | grep -q '"Id"'; then return 0; fi
  local busybox
  busybox=$(command -v busybox || true)
  [ -n "$busybox" ] && file_is_static "$busybox" || busybox=/bin/busybox
  [ -x "$busybox" ] || { echo "container-engine: static busybox missing (apt-get install busybox-static)" >&2; exit 1; }
  local rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,sys,dev,workspace}
  cp "$busybox" "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -cf "$rootfs.tar" .
  curl -s --fail --unix-socket "$sock" -X POST -H 'Content-Type: application/x-tar' \
    --data-binary "@$rootfs.tar" \
    "http://d/images/create?fromSrc=-&repo=local/busybox&tag=latest&changes=CMD%20%5B%22%2Fbin%2Fsh%22%5D&changes=ENV%20PATH%3D%2Fbin" >/dev/null
  rm -rf "$rootfs" "$rootfs.tar"
  curl -s --unix-socket "$sock" "http://d/images/$IMAGE/json" | grep -q '"Id"' \
    || { echo "container-engine: image $IMAGE was not created" >&2; exit 1; }
}

# Runs `true` in a container through the API: an engine can answer pings and still fail to start
# containers (seen here: Podman's service failing every start with "write child: broken pipe"
# after a long day of tests), which only a real start shows.
smoke_test() {
  local sock=$1 id status
  id=$(curl -s --max-time 30 --unix-socket "$sock" -X POST -H 'Content-Type: application/json' \
    -d "{\"Image\":\"$IMAGE\",\"Cmd\":[\"true\"],\"Labels\":{\"io.chengis.smoke\":\"1\"}}" \
    http://d/containers/create | sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')
  [ -n "$id" ] || return 1
  status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' --unix-socket "$sock" -X POST \
    "http://d/containers/$id/start")
  if [ "$status" = 204 ]; then
    curl -s --max-time 30 --unix-socket "$sock" -X POST "http://d/containers/$id/wait" >/dev/null
  fi
  curl -s --max-time 30 --unix-socket "$sock" -X DELETE "http://d/containers/$id?force=true" >/dev/null
  [ "$status" = 204 ]
}

file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

case "${1:-}" in
  start)
    if sock=$(engine_socket); then
      echo "container-engine: engine answers at $sock"
    else
      install_podman
      configure_podman
      start_podman_service
      sock=$SOCK
      echo "container-engine: podman's Docker API started at $sock"
    fi
    build_images "$sock"
    if ! smoke_test "$sock"; then
      if [ "$sock" = "$SOCK" ] || [ "$(readlink /var/run/docker.sock 2>/dev/null)" = "$SOCK" ]; then
        echo "container-engine: the engine answers but cannot start a container; restarting podman"
        "$0" stop
        exec "$0" start-fresh
      fi
      echo "container-engine: the engine at $sock answers but cannot start a container" >&2
      exit 1
    fi
    echo "container-engine: image $IMAGE ready"
    ;;
  start-fresh)
    # After a restart: start once more, and fail instead of restarting again.
    install_podman
    configure_podman
    start_podman_service
    build_images "$SOCK"
    smoke_test "$SOCK" || { echo "container-engine: podman cannot start a container; its log:" >&2; cat "$LOG" >&2; exit 1; }
    echo "container-engine: podman restarted at $SOCK; image $IMAGE ready"
    ;;
  stop)
    if command -v podman >/dev/null; then
      podman rm --all --force --time 0 >/dev/null 2>&1 || true
      podman volume prune --force >/dev/null 2>&1 || true
    fi
    if [ -f "$PIDFILE" ]; then
      pid=$(cat "$PIDFILE")
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      fi
      rm -f "$PIDFILE"
    fi
    rm -f "$SOCK"
    [ "$(readlink /var/run/docker.sock 2>/dev/null)" = "$SOCK" ] && rm -f /var/run/docker.sock
    echo "container-engine: stopped"
    ;;
  status)
    if sock=$(engine_socket); then echo "container-engine: engine answers at $sock"; else echo "container-engine: no engine answers"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
