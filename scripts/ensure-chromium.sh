#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium at /usr/bin/chromium (Playwright's own
# browser download cannot work here). Install it with apt-get when it is missing.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "Chromium: $("$CHROMIUM" --version 2>/dev/null | tail -n 1 || echo "$CHROMIUM")"
  exit 0
fi

echo "Chromium is not at $CHROMIUM: installing Debian's chromium package with apt-get…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "error: $CHROMIUM is missing and installing it needs root (run as root, or: sudo apt-get install -y chromium)." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $CHROMIUM is missing and apt-get is not available; install Chromium so that $CHROMIUM exists." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null; then
  echo "error: apt-get update failed, so Chromium cannot be installed (is the Debian mirror reachable?)." >&2
  exit 1
fi
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium </dev/null; then
  echo "error: apt-get install chromium failed; install it by hand so that $CHROMIUM exists." >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "error: the chromium package installed, but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "Chromium installed: $("$CHROMIUM" --version 2>/dev/null | tail -n 1 || echo "$CHROMIUM")"
