#!/usr/bin/env bash
# Extract every translatable string of the project (all apps, templates and Python) into the one English
# catalogue src/kansrijk/web/locale/en/LC_MESSAGES/django.po. Dutch is the source language.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)/src/kansrijk}"
here="$(cd "$(dirname "$0")/.." && pwd)"
django_admin="$here/.venv/bin/django-admin"
[ -x "$django_admin" ] || django_admin=django-admin
cd "$root"
trap 'rm -f locale' EXIT
ln -sfn web/locale locale
"$django_admin" makemessages --locale en --no-obsolete --no-location --ignore 'web/static/*' \
  --ignore 'instrument/*' --ignore 'analysis/*' --ignore 'synth/*' --ignore 'geo/*' --verbosity 0
