#!/usr/bin/env bash
# End-to-end tests (npm run test:e2e): a production build of the app, started by
# Playwright (playwright.config.ts) next to a Google OpenID Connect stand-in,
# driven in Debian's Chromium. Extra arguments go to `playwright test`
# (npm run test:e2e -- e2e/auth.spec.ts). E2E_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

# Never let Playwright try to download its own browsers; we use /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

# Build into its own folder so a developer's `next dev` (.next) is left alone.
export NEXT_DIST_DIR=.next-e2e

if [ "${E2E_SKIP_BUILD:-}" = "1" ] && [ -f "$NEXT_DIST_DIR/BUILD_ID" ]; then
  echo "E2E_SKIP_BUILD=1: reusing the build in $NEXT_DIST_DIR (it may be older than your code)."
else
  # `next build` adds its dist folder's type globs to tsconfig.json; keep the
  # developer's file exactly as it was.
  tsconfig_backup="$(mktemp)"
  cp tsconfig.json "$tsconfig_backup"
  restore_tsconfig() {
    if ! cmp -s "$tsconfig_backup" tsconfig.json; then cp "$tsconfig_backup" tsconfig.json; fi
    rm -f "$tsconfig_backup"
  }
  trap restore_tsconfig EXIT
  echo "Building the app into $NEXT_DIST_DIR…"
  npx next build
  restore_tsconfig
  trap - EXIT
fi

npx playwright test "$@"
