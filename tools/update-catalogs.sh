#!/usr/bin/env bash
# Update the translation catalogs locales/<lang>/LC_MESSAGES/<page>.po from the English text
# (Sphinx's gettext builder, then sphinx-intl). New messages come in untranslated, changed ones as
# fuzzy (with the old translation kept as a hint), so that tests/test_translations.py lists exactly
# what is left to translate. Idempotent: with no change in the English text no file changes.
# Usage: bash tools/update-catalogs.sh [--pages-only] [lang ...]   (default: ja)
#   --pages-only: the pages' catalogs only, not kernel.po (which runs every notebook)
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"
kernel=1
if [ "${1:-}" = "--pages-only" ]; then kernel=0; shift; fi
langs=("$@"); [ "${#langs[@]}" -gt 0 ] || langs=(ja)
POT=_build/gettext
rm -rf "$POT"
# The English text (JESC_LANGUAGE=en), built into its own folder under _build/ (elsewhere Sphinx
# would take its cached notebooks for pages); notebooks come from the English execution cache.
JESC_LANGUAGE=en JESC_EDITION=student jupyter-book build . --path-output "$POT" \
  --builder custom --custom-builder gettext -W -n --keep-going -q
for lang in "${langs[@]}"; do
  # -w 0: no re-wrapping, so that a message is one line in the catalog and its diff.
  sphinx-intl update --pot-dir "$POT/_build/gettext" --locale-dir locales -l "$lang" -w 0 \
    | grep -v -e '^Not Changed' || true
done
# What the notebooks write (figures, tables, explorers): locales/<lang>/kernel.po (jesc.i18n.t).
[ "$kernel" = 0 ] || python tools/kernel_catalog.py "${langs[@]}"
python tools/catalog_stats.py "${langs[@]}"
