#!/usr/bin/env bash
# Installs everything Kamu needs to build, run and test, skipping what is already there.
# Why by hand: cargo-leptos and wasm-bindgen-cli do not install with `--locked` on this Rust
# (their lockfiles pin crates that need a newer rustc or are not served by the registry), and
# cargo-leptos must not try to download tools from code-hosting sites (feature `no_downloads`).
set -euo pipefail

TOOLS_DIR="${KAMU_TOOLS_DIR:-$HOME/.local/share/kamu-tools}"
BIN="$TOOLS_DIR/bin"
mkdir -p "$BIN"
export PATH="$BIN:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0

log() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

# Unpacks a crate archive from the cargo cache, pins one dependency, and installs it.
install_from_cache() {
  local name=$1 version=$2 pin_pkg=$3 pin_ver=$4; shift 4
  local archive
  archive=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -n1 || true)
  if [ -z "$archive" ]; then
    # A failed `cargo install --locked` leaves the archive in the cache; that is all we want from it.
    cargo install "$name" --version "=$version" --locked --root "$TOOLS_DIR/tmp-root" >/dev/null 2>&1 || true
    archive=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" | head -n1)
  fi
  local work
  work=$(mktemp -d)
  tar -xzf "$archive" -C "$work"
  (cd "$work/$name-$version" && cargo update -p "$pin_pkg" --precise "$pin_ver" \
     && cargo install --path . --locked --root "$TOOLS_DIR" "$@")
  rm -rf "$work" "$TOOLS_DIR/tmp-root"
}

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (~2 min, once)"
  install_from_cache wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
fi

if ! command -v cargo-leptos >/dev/null || ! cargo-leptos --version | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "building cargo-leptos $CARGO_LEPTOS_VERSION (~14 min on 2 cores, once)"
  install_from_cache cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1 --features no_downloads
fi

# Debian's binaryen makes a wasm that never hydrates; npm's binaryen 132 works.
if [ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ] && [ ! -x "$BIN/wasm-opt" ]; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install -g --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# The calendar feed's tests parse it with independent code: Python's icalendar (PyPI), and
# recurring-ical-events to expand its repeat rules as a calendar app would.
if ! python3 -c "import icalendar, recurring_ical_events" 2>/dev/null; then
  log "installing Python's icalendar and recurring-ical-events (for the calendar feed tests)"
  pkgs=("icalendar>=6" "recurring-ical-events>=3")
  python3 -m pip install --quiet --user "${pkgs[@]}" 2>/dev/null || python3 -m pip install --quiet "${pkgs[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${pkgs[@]}"
fi

# The e-mail tests send to a real local SMTP server: Python's aiosmtpd, started by the tests.
if ! python3 -c "import aiosmtpd" 2>/dev/null; then
  log "installing Python's aiosmtpd (a local SMTP server for the e-mail tests)"
  python3 -m pip install --quiet --user "aiosmtpd>=1.4" 2>/dev/null || python3 -m pip install --quiet "aiosmtpd>=1.4" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "aiosmtpd>=1.4"
fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v brotli >/dev/null || need_apt+=(brotli)
# Web Push encryption (the `ece` crate) links OpenSSL.
dpkg -s libssl-dev >/dev/null 2>&1 || need_apt+=(libssl-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

log "tools ready in $BIN"

# A clean `make test` writes about 15 GB under target/ (debug tests ~7 GB, release server and wasm
# ~5 GB, the rest tools and caches). Say so up front rather than fail mid-build with "No space left".
free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
if [ "${free_kb:-0}" -lt $((16 * 1024 * 1024)) ]; then
  log "warning: only $((free_kb / 1024 / 1024)) GB free here; a clean build and test needs about 16 GB"
fi
