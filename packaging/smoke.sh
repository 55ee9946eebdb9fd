#!/usr/bin/env bash
# Smoke-test the BUILT program headless, as a user's machine would run it: no .venv, a temp
# store, temp settings. Usage: packaging/smoke.sh [dist/shopreel/shopreel] [SAMPLES_DIR]
# (SAMPLES_DIR defaults to ../shared/samples when it exists; its exports are then imported too).
# Prints each step's time; exits non-zero at the first step that fails.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROGRAM="$(realpath "${1:-$ROOT/dist/shopreel/shopreel}")"
SAMPLES="${2:-$ROOT/../shared/samples}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/__init__.py")"

[ -x "$PROGRAM" ] || { echo "smoke: no built program at $PROGRAM (run make package)"; exit 1; }

T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
# Nothing of the user's: settings, data folder, caches and temp files all go to the temp dir.
export QT_QPA_PLATFORM=offscreen HOME="$T/home" TMPDIR="$T/tmp"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" XDG_CACHE_HOME="$T/cache"
export XDG_RUNTIME_DIR="$T/runtime"
unset SHOPREEL_DB SHOPREEL_DATABASE_URL PYTHONPATH PYTHONHOME
mkdir -p "$HOME" "$TMPDIR" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cd "$T"  # the program must not depend on the checkout as its working directory

PASSED=0
SMOKE_START=$(date +%s%N)
fail() {
    echo "smoke: FAIL: $*" >&2
    echo "smoke: $PASSED passed, 1 failed"
    exit 1
}

# step NAME COMMAND...: run the built program, keep its output in $T/NAME.out, print the time.
step() {
    local name="$1"; shift
    local start end
    start=$(date +%s%N)
    if ! "$PROGRAM" "$@" >"$T/$name.out" 2>"$T/$name.err"; then
        cat "$T/$name.out" "$T/$name.err" >&2
        fail "shopreel $* exited non-zero"
    fi
    end=$(date +%s%N)
    PASSED=$((PASSED + 1))
    printf 'smoke: %-10s %6d ms  %s\n' "$name" $(((end - start) / 1000000)) "$(head -c 100 "$T/$name.out" | head -n 1)"
}

step version --version
grep -qx "shopreel $VERSION" "$T/version.out" || fail "--version says $(cat "$T/version.out"), expected $VERSION"

# A fixed "today", so October 2026 is always inside the demo's 90 days.
step demo demo --db "$T/shop.db" --today 2026-11-28
grep -q "order lines" "$T/demo.out" || fail "demo did not report what it wrote"

step migrate migrate --db "$T/shop.db"  # the store was created by the bundled migrations
grep -q "schema \([0-9]*\) (newest \1)" "$T/migrate.out" || fail "schema not at head"

step check check --db "$T/shop.db"

step stats stats --db "$T/shop.db" --month 2026-10 --json
grep -q '"orders_paid": [1-9]' "$T/stats.out" || fail "stats show no orders for 2026-10"

step report report --db "$T/shop.db" --month 2026-10 --out "$T/r.pdf" --today 2026-11-28
size=$(stat -c %s "$T/r.pdf" 2>/dev/null || echo 0)
[ "$size" -gt 10240 ] || fail "report PDF is $size bytes (expected > 10 KB)"
# The bundled Noto Sans CJK SC is embedded (as a subset): Chinese did not fall back to boxes.
grep -aq "NotoSansCJK" "$T/r.pdf" || fail "report PDF does not embed the bundled CJK font"

# jieba and its dictionary (imported lazily, so only a run shows they were bundled).
step needs needs --db "$T/shop.db" --from 2026-09-01 --to 2026-11-28 --limit 5
grep -q "%$" "$T/needs.out" || fail "needs counted no terms"

step window smoke --db "$T/shop.db"
grep -q "^startup_ms=[0-9]" "$T/window.out" || fail "the window did not report its start-up"

# Every tab built and drawn (charts through matplotlib's Qt backend, the Chinese translation).
step tabs screenshot --db "$T/shop.db" --lang zh_CN --out "$T/shots"
tabs=$(find "$T/shots" -name '*.png' -size +10k | wc -l)
[ "$tabs" -ge 6 ] || fail "screenshot drew $tabs tabs (expected 6)"
[ -z "${SMOKE_KEEP_SHOTS:-}" ] || cp -r "$T/shots" "$SMOKE_KEEP_SHOTS"

if [ -d "$SAMPLES" ]; then
    step import import --db "$T/import.db" --json "$SAMPLES"
    grep -q '"status"' "$T/import.out" || fail "import printed no results"
else
    echo "smoke: import     skipped (no samples at $SAMPLES)"
fi

# A big workbook (> 8 MB of sheet XML) is parsed in a spawned child process: in the frozen
# program that child is the program itself again (multiprocessing.freeze_support in main.py).
PYTHON="${SMOKE_PYTHON:-$ROOT/.venv/bin/python}"
if [ -x "$PYTHON" ]; then
    (cd "$ROOT" && "$PYTHON" - "$T/big.xlsx" <<'PY'
import sys
from pathlib import Path

from tests.exports import DOUDIAN_HEADERS, doudian_line, write_xlsx

lines = [doudian_line(n, buyer=n % 5000) for n in range(12000)]
write_xlsx(Path(sys.argv[1]), {"Sheet1": [DOUDIAN_HEADERS, *lines]})
PY
    )
    step bigimport import --db "$T/big.db" "$T/big.xlsx"
    grep -q "12000 new" "$T/bigimport.out" || fail "the big workbook did not import 12000 rows"
else
    echo "smoke: bigimport  skipped (no $PYTHON to write the workbook)"
fi

# The team store: with a PostgreSQL server (SMOKE_PG_URL, a URL of its maintenance database,
# as tools/pg_server.sh prints), the built program's bundled driver copies the demo shop into a
# new server database and reads the same month's figures back from it.
if [ -n "${SMOKE_PG_URL:-}" ] && [ -x "$PYTHON" ]; then
    SERVER_DB="$("$PYTHON" - "$SMOKE_PG_URL" <<'PY'
import sys, uuid

import psycopg
from sqlalchemy.engine import make_url

url = make_url(sys.argv[1])
name = f"shopreel_smoke_{uuid.uuid4().hex[:10]}"
with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                     dbname=url.database or "postgres", autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{name}"')
print(url.set(database=name).render_as_string(hide_password=False))
PY
)"
    step server migrate-store --db "$T/shop.db" --to "$SERVER_DB"
    grep -q "counts and money totals equal" "$T/server.out" || fail "migrate-store did not verify"
    step serverstats stats --db "$SERVER_DB" --month 2026-10 --json
    cmp -s "$T/stats.out" "$T/serverstats.out" || fail "the server's figures differ from the file's"
else
    echo "smoke: server     skipped (no SMOKE_PG_URL)"
fi

echo "smoke: $PROGRAM $VERSION in $((($(date +%s%N) - SMOKE_START) / 1000000)) ms"
echo "smoke: $PASSED passed, 0 failed"
