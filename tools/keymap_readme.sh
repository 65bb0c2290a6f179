#!/bin/sh
# Writes the key map (ui/keymap.c, printed by the key test) into README.md
# between its markers: `make keymap`. tests/unit/test_ui_keys.c fails while
# the two differ.
set -e
test_bin=$1
readme=${2:-README.md}
"$test_bin" --markdown >"$readme.keymap"
awk -v map="$readme.keymap" '
    /<!-- keymap:begin -->/ { print; while ((getline line < map) > 0) print line; skip = 1; next }
    /<!-- keymap:end -->/ { skip = 0 }
    !skip { print }
' "$readme" >"$readme.new"
rm -f "$readme.keymap"
mv "$readme.new" "$readme"
