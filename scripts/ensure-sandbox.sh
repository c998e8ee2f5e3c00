#!/usr/bin/env bash
# Agents run inside a sandbox: bubblewrap (namespaces, filesystem view) and
# slirp4netns (network for agents allowed to use it). Install them with
# apt-get when missing (as root, or with passwordless sudo). Without
# ENSURE_SANDBOX_STRICT=1 a failure only warns: the app then refuses agents to
# non-admins and says what to install (README, "Agents run confined").
set -uo pipefail

give_up() {
  echo "warning: $1 Until then agents run for admins only." >&2
  if [ -n "${ENSURE_SANDBOX_STRICT:-}" ]; then exit 1; fi
  exit 0
}

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v slirp4netns >/dev/null 2>&1 || missing+=(slirp4netns)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "Agent sandbox: installing ${missing[*]} with apt-get…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    give_up "${missing[*]} missing and installing needs root: run 'sudo apt-get install -y ${missing[*]}'."
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  give_up "apt-get is not available: install ${missing[*]} with your package manager."
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null \
  || { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null \
       && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null; }; }; then
  give_up "apt-get install ${missing[*]} failed."
fi
echo "Agent sandbox: $(bwrap --version), $(slirp4netns --version | head -n 1)"
