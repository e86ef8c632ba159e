#!/usr/bin/env bash
# The CI summary: add up what ran from the runners' own output. Sourced by .ci/run and by its test
# (scripts/ciSummary.test.ts). It must never fail a green run: every pipeline ends in awk, which exits 0
# whether or not anything matched (a bare grep without a match exits 1, and under set -e/pipefail
# inside $( ... ) that ended .ci/run after every test had passed).

# ci_summary FILE — prints two lines: the counts per runner, then "N passed, 0 failed".
ci_summary() {
  local plain unit e2e corpus
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$1" || true)
  # Vitest: "      Tests  123 passed (123)" once per vitest run; sum them all.
  unit=$(awk '/^ *Tests +[0-9]+ passed/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { s += $i; break } }
    END { print s + 0 }' <<<"$plain")
  # Playwright: "  29 passed (29.8s)", "  29 passed (1.2m)" or "(1h)"; the last such line counts.
  e2e=$(awk '/^ *[0-9]+ passed \([0-9.]+(ms|s|m|h)\) *$/ { n = $1 } END { print n + 0 }' <<<"$plain")
  # The corpus check: "12 passed, 0 failed"; the last such line counts.
  corpus=$(awk '/^[0-9]+ passed, 0 failed/ { n = $1 } END { print n + 0 }' <<<"$plain")
  echo "vitest (Node 20 + node:sqlite on Node 24): $unit, e2e: $e2e, corpus stores: $corpus"
  echo "$((unit + e2e + corpus)) passed, 0 failed"
}
