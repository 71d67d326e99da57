#!/usr/bin/env bash
# Smoke test of the binaries built by build-binaries.sh: one etcd and one kube-apiserver (etcd prefix
# /east) on 127.0.0.1 with free ports, a self-signed serving certificate, a static admin token (group
# system:masters) and RBAC; then `kubectl get ns` against it. Prints how long each took to be ready.
# Usage: tools/real-clusters/smoke.sh   (needs kubectl, openssl and node on PATH)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$repo_root/.real-clusters/bin"
pick() { # the newest binary called NAME-<version>
  local found
  found="$(ls -1 "$bin_dir/$1"-v* 2> /dev/null | sort -V | tail -n 1)"
  [[ -n "$found" ]] || {
    echo "error: no $1 in $bin_dir; run: npm run build:real-clusters" >&2
    exit 1
  }
  echo "$found"
}
etcd_bin="$(pick etcd)"
apiserver_bin="$(pick kube-apiserver)"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
now_ms() { date +%s%3N; }

work="$(mktemp -d /tmp/meshwright-real-smoke.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

etcd_client_port="$(free_port)"
etcd_peer_port="$(free_port)"
apiserver_port="$(free_port)"

start=$(now_ms)
"$etcd_bin" --name smoke --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_client_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_client_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster "smoke=http://127.0.0.1:$etcd_peer_port" \
  --unsafe-no-fsync --log-level warn > "$work/etcd.log" 2>&1 &
pids+=($!)
until curl -fsS "http://127.0.0.1:$etcd_client_port/health" 2> /dev/null | grep -q '"health":"true"'; do
  sleep 0.1
  if (($(now_ms) - start > 30000)); then
    cat "$work/etcd.log" >&2
    echo "error: etcd not healthy after 30s" >&2
    exit 1
  fi
done
echo "etcd ready in $(($(now_ms) - start)) ms on 127.0.0.1:$etcd_client_port"

token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
echo "$token,meshwright-admin,meshwright-admin,\"system:masters\"" > "$work/tokens.csv"
openssl genrsa -out "$work/sa.key" 2048 2> /dev/null
openssl rsa -in "$work/sa.key" -pubout -out "$work/sa.pub" 2> /dev/null

start=$(now_ms)
"$apiserver_bin" \
  --bind-address=127.0.0.1 --secure-port="$apiserver_port" \
  --cert-dir="$work/certs" \
  --token-auth-file="$work/tokens.csv" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$work/sa.pub" \
  --service-account-signing-key-file="$work/sa.key" \
  --service-cluster-ip-range=10.96.0.0/12 \
  --etcd-servers="http://127.0.0.1:$etcd_client_port" \
  --etcd-prefix=/east \
  > "$work/apiserver.log" 2>&1 &
pids+=($!)
until [[ "$(curl -ksS -H "Authorization: Bearer $token" "https://127.0.0.1:$apiserver_port/readyz" 2> /dev/null)" == ok ]]; do
  sleep 0.2
  if (($(now_ms) - start > 120000)); then
    tail -n 50 "$work/apiserver.log" >&2
    echo "error: kube-apiserver not ready after 120s" >&2
    exit 1
  fi
done
echo "kube-apiserver ready in $(($(now_ms) - start)) ms on https://127.0.0.1:$apiserver_port"

kubectl --server "https://127.0.0.1:$apiserver_port" --token "$token" --insecure-skip-tls-verify get ns
kubectl --server "https://127.0.0.1:$apiserver_port" --token "$token" --insecure-skip-tls-verify version
# The objects are under the etcd prefix /east (etcd's JSON gateway: keys from "/east/" to "/east0").
keys="$(curl -fsS -X POST "http://127.0.0.1:$etcd_client_port/v3/kv/range" \
  -d "{\"key\":\"$(printf /east/ | base64)\",\"range_end\":\"$(printf /east0 | base64)\",\"count_only\":true}")"
echo "etcd keys under /east/: $keys"
[[ "$keys" == *'"count":"'[1-9]* ]] || {
  echo "error: no keys under /east/ in etcd" >&2
  exit 1
}
echo "smoke test passed"
