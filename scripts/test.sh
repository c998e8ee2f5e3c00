#!/usr/bin/env bash
# npm test: type-check, lint, unit + integration tests (vitest on real libSQL
# files), then end-to-end tests (Playwright against a production build).
# Stops at the first stage that fails; prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1

started=$SECONDS
stage_name=""
stage_started=$SECONDS
timings=()

finish_stage() {
  if [ -n "$stage_name" ]; then
    timings+=("$(printf '%-42s %4ss  %s' "$stage_name" "$((SECONDS - stage_started))" "$1")")
  fi
  stage_name=""
}

stage() {
  finish_stage "ok"
  stage_name="$1"
  stage_started=$SECONDS
  printf '\n==== %s ====\n\n' "$1"
}

report() {
  local status=$?
  if [ "$status" -ne 0 ]; then finish_stage "FAILED (exit $status)"; else finish_stage "ok"; fi
  printf '\n==== Stage times (total %ss) ====\n' "$((SECONDS - started))"
  if [ "${#timings[@]}" -gt 0 ]; then printf '  %s\n' "${timings[@]}"; fi
  if [ "$status" -eq 0 ]; then
    printf '\nAll checks passed.\n'
  else
    printf '\nnpm test failed: see the first stage marked FAILED above.\n'
  fi
}
trap report EXIT

# Tests run agents in the real sandbox: install bubblewrap and slirp4netns if missing.
ENSURE_SANDBOX_STRICT=1 bash scripts/ensure-sandbox.sh

stage "1/4 Type-check (tsc)"
npm run typecheck

stage "2/4 Lint (eslint)"
npm run lint

stage "3/4 Unit and integration tests (vitest)"
npx vitest run

stage "4/4 End-to-end tests (Playwright)"
bash scripts/e2e.sh
