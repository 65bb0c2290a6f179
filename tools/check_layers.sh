#!/bin/sh
# The layers, checked on every #include of the tree:
#
#   src/base  →  db  →  core (src/, src/b2b, src/csv, src/demo)  →  { ui, src/cli }
#
# A file may include its own layer and the layers below it, never above or
# beside: the console (ui/) and the CLI (src/cli/) reach the store only
# through the core's headers. Project headers are named from the top of the
# tree ("src/orders.h"), so the path says the layer. Also checked: a
# *_private.h stays in its folder; curses only in ui/; sqlite3.h only in db/;
# libcsv's <csv.h> only in src/csv/; src/main.c wires the two front ends;
# no call of a db_* or *_store_* function in ui/ or the CLI (the house
# hook's grep: the core gives them a thin function instead).
# Prints one line per violation and exits 1 when there is any.
cd "$(dirname "$0")/.." || exit 2

status=0
find src db ui -name '*.[ch]' | sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include' | awk '
function layer(p) {
    if (p == "src/main.c") return "main"
    if (p ~ /^src\/base\//) return "base"
    if (p ~ /^src\/cli\//) return "cli"
    if (p ~ /^src\//) return "core"
    if (p ~ /^db\//) return "db"
    if (p ~ /^ui\//) return "ui"
    return "other"
}
function dir(p) { sub(/\/[^\/]*$/, "", p); return p }
function exists(p,   line) { if ((getline line < p) >= 0) { close(p); return 1 } return 0 }
BEGIN {
    ok["base:base"] = 1
    ok["db:base"] = ok["db:db"] = 1
    ok["core:base"] = ok["core:db"] = ok["core:core"] = 1
    ok["cli:base"] = ok["cli:core"] = ok["cli:cli"] = 1
    ok["ui:base"] = ok["ui:core"] = ok["ui:ui"] = 1
    bad = 0
}
function fail(msg) { print where ": " msg; bad++ }
{
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2); n = rest; sub(/:.*/, "", n)
    where = file ":" n
    from = layer(file)
    if (match($0, /<[^>]*>/)) {
        name = substr($0, RSTART + 1, RLENGTH - 2)
        if (name ~ /^(n?curses\.h|ncursesw\/.*|panel\.h|menu\.h|form\.h)$/ && from != "ui")
            fail("<" name "> outside ui/ (only the console draws)")
        if (name == "sqlite3.h" && from != "db") fail("<sqlite3.h> outside db/ (all SQL lives in db/)")
        if (name == "csv.h" && dir(file) != "src/csv") fail("<csv.h> outside src/csv/ (libcsv lives there)")
        next
    }
    if (!match($0, /"[^"]*"/)) next
    name = substr($0, RSTART + 1, RLENGTH - 2)
    if (!exists(name)) { fail("\"" name "\" is not a path from the top of the tree (src/..., db/..., ui/...)"); next }
    if (name ~ /_private\.h$/) {
        if (dir(name) != dir(file)) fail("\"" name "\" is private to " dir(name) "/")
        next
    }
    if (from == "main") {
        if (name != "src/cli/cli.h" && name != "ui/ui.h")
            fail("the entry point includes only src/cli/cli.h and ui/ui.h, not \"" name "\"")
        next
    }
    to = layer(name)
    if (!((from ":" to) in ok)) fail("\"" name "\" runs the wrong way (" from " may not include " to ")")
}
END {
    if (bad) { print "check_layers: " bad " include(s) break the layers"; exit 1 }
    print "check_layers: every include follows base -> db -> core -> {ui, cli}"
}' || status=1

if grep -rnoE '\b(db_[a-z_]+|[a-z_]+_store_[a-z_]+)\(' ui src/cli*; then
    echo "check_layers: ui/ and the CLI call the store (lines above); call the core instead"
    status=1
fi
exit $status
