#!/usr/bin/env bash
# Record the owner's statements, then gate on `acctclose check`: the job passes only when the
# account is ready to close (exit 0); blocked (3), incomplete (4) and errors (1) fail it.
#
#   INVENTORY=facts.yaml   read the facts from this inventory file (unset: the live APIs,
#                          credentials from the CI's secret store, see docs/live.md)
#   STATE_DIR=.acctclose   where the record is kept (cache or commit it between runs)
#   REPORT_DIR=reports     where the JUnit and JSON reports go
set -euo pipefail

STATE_DIR="${STATE_DIR:-.acctclose}"
REPORT_DIR="${REPORT_DIR:-reports}"
source_args=()
if [[ -n "${INVENTORY:-}" ]]; then
  source_args=(--from "$INVENTORY")
fi
mkdir -p "$REPORT_DIR"

# Facts no API reports, as the owner states them (edit to match the account).
acctclose prepare "${source_args[@]}" --state-dir "$STATE_DIR" \
  --state icp_filings=none \
  --state partner=none \
  --state enterprise_multi_account=none

# The gate. JUnit for the CI dashboard, JSON for the record; the exit code decides.
status=0
acctclose check "${source_args[@]}" --state-dir "$STATE_DIR" \
  --format junit --output "$REPORT_DIR/acctclose.xml" || status=$?
acctclose check "${source_args[@]}" --state-dir "$STATE_DIR" \
  --format json --output "$REPORT_DIR/acctclose.json" || true

case "$status" in
  0) echo "acctclose: ready to close" ;;
  3) echo "acctclose: blocked: must-process items remain (see $REPORT_DIR/acctclose.xml)" ;;
  4) echo "acctclose: incomplete: some facts could not be established" ;;
  *) echo "acctclose: error (exit $status)" ;;
esac
exit "$status"
