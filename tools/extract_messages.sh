#!/usr/bin/env bash
# Extract every translatable string into the English catalogues. Dutch is the source language.
# web/locale holds the strings of the web project and accounts; every later app owns <app>/locale.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)/src/kansrijk}"
here="$(cd "$(dirname "$0")/.." && pwd)"
django_admin="$here/.venv/bin/django-admin"
[ -x "$django_admin" ] || django_admin=django-admin
own_catalogue=(fieldwork results cycle api)
cd "$root"
trap 'rm -f "$root/locale"' EXIT
ln -sfn web/locale locale
ignores=(--ignore 'web/static/*' --ignore 'instrument/*' --ignore 'analysis/*' --ignore 'synth/*' --ignore 'geo/*'
  --ignore 'reporting/*')
for app in "${own_catalogue[@]}"; do ignores+=(--ignore "$app/*"); done
"$django_admin" makemessages --locale en --no-obsolete --no-location "${ignores[@]}" --verbosity 0
rm -f "$root/locale"
for app in "${own_catalogue[@]}"; do
  if [ -d "$root/$app" ]; then
    mkdir -p "$root/$app/locale"
    (cd "$root/$app" && "$django_admin" makemessages --locale en --no-obsolete --no-location --verbosity 0)
  fi
done
# Pupils also read the questionnaire's shell in the newcomer languages Django ships: those catalogues hold
# only the texts with message context "leerling" (fieldwork/pupil_text.py); staff pages stay nl/en.
pupil_languages=(ar pl tr uk)
for lang in "${pupil_languages[@]}"; do
  (cd "$root/fieldwork" && "$django_admin" makemessages --locale "$lang" --no-obsolete --no-location \
    --no-wrap --verbosity 0)
  po="$root/fieldwork/locale/$lang/LC_MESSAGES/django.po"
  msggrep --msgctxt --regexp='^leerling$' --no-wrap -o "$po.tmp" "$po"
  # msggrep drops the header entry; keep the one makemessages wrote (language, plural forms)
  { sed -n '1,/^$/p' "$po"; sed '1,/^$/d' "$po.tmp"; } > "$po.new"
  mv "$po.new" "$po"
  rm -f "$po.tmp"
done
