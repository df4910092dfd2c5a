#!/usr/bin/env bash
# Prints the path of a cached Temporal CLI binary, building it from the Go module when missing.
#
# The Temporal CLI (github.com/temporalio/cli) bundles the real Temporal server in development
# mode (SQLite persistence, Web UI). No prebuilt binary can be downloaded here, but the Go module
# proxy is reachable, so the first run on a machine builds it (~5 min) and caches it OUTSIDE the
# repository. Later runs only print the path.
#
# stdout: the binary's absolute path, and nothing else. Build output goes to stderr.
# env: TEMPORAL_CLI_VERSION (default v1.5.1), XDG_CACHE_HOME (default ~/.cache).
set -euo pipefail

version="${TEMPORAL_CLI_VERSION:-v1.5.1}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/ir-playbooks"
binary="$cache_dir/temporal-$version"

if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "ensure-temporal-cli: Go is not installed, so the Temporal CLI $version cannot be built." >&2
  echo "ensure-temporal-cli: install Go (https://go.dev/dl/) or set TEMPORAL_CLI to an existing 'temporal' binary." >&2
  exit 2
fi

mkdir -p "$cache_dir"
# One build at a time per cache (parallel test JVMs may call this together).
exec 9>"$cache_dir/.temporal-$version.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

echo "ensure-temporal-cli: building Temporal CLI $version into $binary (first run only, takes a few minutes)" >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/temporal-cli-build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

module_json="$(go mod download -json "github.com/temporalio/cli@$version")" || {
  echo "ensure-temporal-cli: 'go mod download github.com/temporalio/cli@$version' failed" >&2
  exit 3
}
module_dir="$(printf '%s\n' "$module_json" | sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' | head -n1)"
if [[ -z "$module_dir" || ! -d "$module_dir" ]]; then
  echo "ensure-temporal-cli: could not find the downloaded module directory in: $module_json" >&2
  exit 3
fi

# The module cache is read-only and the module's go.mod carries replace directives
# (which 'go install pkg@version' refuses): build from a writable copy instead.
cp -R "$module_dir" "$work/cli"
chmod -R u+w "$work/cli"
(cd "$work/cli" && go build -o "$work/temporal" ./cmd/temporal) >&2 || {
  echo "ensure-temporal-cli: 'go build ./cmd/temporal' failed for $version" >&2
  exit 4
}
mv -f "$work/temporal" "$binary.tmp.$$"
mv -f "$binary.tmp.$$" "$binary"
echo "ensure-temporal-cli: built $("$binary" --version 2>/dev/null || echo "$binary")" >&2
echo "$binary"
