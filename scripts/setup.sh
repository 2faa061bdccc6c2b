#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing tidings, and is
# quick when everything is already there. Only package registries are used:
# rustup's wasm target, crates.io (cargo install --locked), Debian (chromium),
# and npm (node_modules, including binaryen's wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION from crates.io (a few minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly, or
# wasm-pack silently compiles its own copy. Not --locked: its lockfile pins a
# crate version the registry lacks.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION from crates.io (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "=$BINDGEN_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The toolchains of the example projects (Next.js, Jest, webpack, Vite, ...), of
# the package checks (attw, publint) and the other Node versions the package's
# Node suites run on, each from its own package-lock.json: reinstalled only when
# that lock changed. tidings itself is installed into the examples from the
# packed tarball by tests/browser/run-examples.mjs.
for lock in examples/*/package-lock.json tests/types/installed/package-lock.json tests/node-versions/package-lock.json; do
  dir=$(dirname "$lock")
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the npm packages of $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# wasm-opt must be binaryen's from npm (first on PATH above), never Debian's: its
# old wasm-opt rewrites the externref table and the module fails to load.
if ! wasm-opt --version >/dev/null 2>&1; then
  echo "[setup] wasm-opt from node_modules/.bin does not run" >&2
  exit 1
fi

# The other runtimes the examples run in (tests/browser/run-runtimes.mjs) are
# dev dependencies whose binaries come in npm packages: deno (@deno/linux-x64-glibc),
# bun (@oven/bun-linux-x64), wrangler with workerd (@cloudflare/workerd-linux-64).
for runtime in deno bun wrangler; do
  if ! WRANGLER_SEND_METRICS=false "node_modules/.bin/$runtime" --version >/dev/null 2>&1; then
    echo "[setup] $runtime from node_modules/.bin does not run: rerun npm ci (its platform package may be missing)" >&2
    exit 1
  fi
done
