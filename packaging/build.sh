#!/usr/bin/env bash
# Build the one-folder bundle dist/allies/ with PyInstaller and check that it starts.
#
#   packaging/build.sh            build, then run "dist/allies/allies --self-check" headless
#   packaging/build.sh --no-check build only
#
# Uses $PYTHON (default: .venv/bin/python) with PyInstaller installed
# (pip install -e '.[package]').
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
CHECK=1
for arg in "$@"; do
    case "$arg" in
        --no-check) CHECK=0 ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is not installed for $PYTHON: run  $PYTHON -m pip install -e '.[package]'" >&2
    exit 1
fi
for qm in resources/translations/*.ts; do
    [ -e "${qm%.ts}.qm" ] || { echo "${qm%.ts}.qm missing: run tools/update_translations.py" >&2; exit 1; }
done

"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/allies.spec

echo "bundle: $ROOT/dist/allies ($(du -sh dist/allies | cut -f1))"

if [ "$CHECK" = 1 ]; then
    # Headless, and with throw-away user folders so the check never touches real data.
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    QT_QPA_PLATFORM=offscreen \
    XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
    XDG_CACHE_HOME="$scratch/cache" XDG_STATE_HOME="$scratch/state" \
        dist/allies/allies --self-check
    echo "self-check passed"
fi
