#!/usr/bin/env bash
# Builds the real etcd, kube-apiserver and istioctl that the real-cluster tests run, from the Go
# modules pinned in tools/real-clusters/<name>/go.mod, into .real-clusters/bin/<name>-<version>.
# A binary that is already there is not rebuilt. Builds run one after the other (they are heavy).
# See docs/real-clusters.md for the pins, the measured build times and sizes.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
modules="$repo_root/tools/real-clusters"
bin_dir="$repo_root/.real-clusters/bin"

required_go_minor=26
missing_go() {
  echo "error: Go >= 1.${required_go_minor} is needed to build kube-apiserver, etcd and istioctl for the tests;" >&2
  echo "  $1" >&2
  echo "  install it (https://go.dev/dl/) and make sure 'go' is on PATH, then run: npm run build:real-clusters" >&2
  exit 1
}

if ! command -v go > /dev/null 2>&1; then
  missing_go "no 'go' command was found on PATH."
fi
go_version="$(go env GOVERSION 2> /dev/null || true)"
if [[ ! "$go_version" =~ ^go1\.([0-9]+) ]]; then
  missing_go "could not read the Go version ('go env GOVERSION' printed '${go_version}')."
fi
if ((BASH_REMATCH[1] < required_go_minor)); then
  missing_go "found ${go_version} at $(command -v go)."
fi

mkdir -p "$bin_dir"

# build NAME VERSION PACKAGE [LDFLAGS...]
build() {
  local name="$1" version="$2" package="$3"
  shift 3
  local out="$bin_dir/$name-$version"
  if [[ -x "$out" ]]; then
    echo "$name $version: already built ($out)"
    return
  fi
  echo "$name $version: building $package (this takes minutes on 2 cores) ..."
  local start=$SECONDS
  local tmp="$out.tmp.$$"
  (
    cd "$modules/$name"
    # -mod=mod: the module has no vendor folder; go.sum is committed, so nothing is re-resolved.
    # -buildvcs=false: the binary does not depend on the state of this repository's git checkout.
    CGO_ENABLED=0 GOFLAGS='-mod=mod -buildvcs=false' go build -trimpath -ldflags="-s -w $*" -o "$tmp" "$package"
  ) || {
    rm -f "$tmp"
    echo "error: building $name $version failed (see the go output above)" >&2
    exit 1
  }
  mv "$tmp" "$out"
  echo "$name $version: built in $((SECONDS - start))s, $(du -h "$out" | cut -f1) ($out)"
}

# Versions come from the go.mod files so that the pins live in one place.
module_version() { # DIR MODULE
  awk -v m="$2" '$1 == "require" && $2 == m { print $3 } $1 == m && $2 ~ /^v/ { print $2 }' \
    "$modules/$1/go.mod" | head -n 1
}

etcd_version="$(module_version etcd go.etcd.io/etcd/server/v3)"
kube_version="$(module_version kube-apiserver k8s.io/kubernetes)"
istio_version="$(module_version istioctl istio.io/istio)"
istio_release="$(cat "$modules/istioctl/RELEASE")"

build etcd "$etcd_version" go.etcd.io/etcd/server/v3

kube_minor="${kube_version#v1.}"
kube_minor="${kube_minor%%.*}"
kv=k8s.io/component-base/version
cv=k8s.io/client-go/pkg/version
build kube-apiserver "$kube_version" k8s.io/kubernetes/cmd/kube-apiserver \
  "-X $kv.gitVersion=$kube_version -X $kv.gitMajor=1 -X $kv.gitMinor=$kube_minor" \
  "-X $kv.gitTreeState=clean -X $kv.buildDate=1970-01-01T00:00:00Z" \
  "-X $cv.gitVersion=$kube_version -X $cv.gitMajor=1 -X $cv.gitMinor=$kube_minor"

iv=istio.io/istio/pkg/version
build istioctl "$istio_version" istio.io/istio/istioctl/cmd/istioctl \
  "-X $iv.buildVersion=$istio_release -X $iv.buildGitRevision=${istio_version##*-}" \
  "-X $iv.buildStatus=Clean -X $iv.buildTag=$istio_release"

echo "real-cluster binaries are in $bin_dir"
