#!/usr/bin/env bash
# npm test: type-check, lint, unit + integration tests (vitest on real libSQL
# files), then end-to-end tests (Playwright against a production build).
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1

started=$SECONDS
stage_started=$SECONDS
timings=()

stage() {
  stage_started=$SECONDS
  printf '\n==== %s ====\n\n' "$1"
}

done_stage() {
  timings+=("$(printf '%-28s %4ss' "$1" "$((SECONDS - stage_started))")")
}

stage "1/4 Type-check (tsc)"
npm run typecheck
done_stage "type-check"

stage "2/4 Lint (eslint)"
npm run lint
done_stage "lint"

stage "3/4 Unit and integration tests (vitest)"
npx vitest run
done_stage "unit + integration"

stage "4/4 End-to-end tests (Playwright)"
bash scripts/e2e.sh
done_stage "end-to-end (build + run)"

printf '\n==== All checks passed in %ss ====\n' "$((SECONDS - started))"
printf '  %s\n' "${timings[@]}"
