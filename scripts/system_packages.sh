#!/usr/bin/env bash
# The Debian packages Roder needs, installed when missing: the same list for CI (.ci/run) and
# the container (Containerfile). `--runtime` leaves out what only the tests use (Chromium for
# the browser tests, gettext for the translation check).
set -euo pipefail
runtime_only=false
[ "${1:-}" = "--runtime" ] && runtime_only=true

need=()
if ! $runtime_only; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v xgettext >/dev/null || need+=(gettext)
  command -v pg_ctlcluster >/dev/null || need+=(postgresql)
else
  command -v pg_dump >/dev/null || need+=(postgresql-client)
fi
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# WeasyPrint (the PDF documents) draws text with Pango.
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
