#!/usr/bin/env bash
# Install the Allies bundle for the current user (no root needed).
#
#   packaging/install.sh [BUNDLE]     BUNDLE defaults to dist/allies (packaging/build.sh)
#
# Puts the bundle in ~/.local/share/allies, a launcher symlink in ~/.local/bin/allies,
# the menu entry (with an absolute Exec), the icons and the AppStream metainfo under
# ~/.local/share, then refreshes the desktop and icon caches when those tools exist.
# Honours XDG_DATA_HOME. Running it again upgrades in place. Your contacts database
# (~/.local/share/Allies) is never touched. packaging/uninstall.sh undoes it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/allies}" 2>/dev/null && pwd)" || {
    echo "error: no bundle at ${1:-$ROOT/dist/allies}: run packaging/build.sh first" >&2
    exit 1
}
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN_DIR="$HOME/.local/bin"
APP_DIR="$DATA_HOME/allies"
APP_ID="de.allies.Allies"

if [ ! -x "$BUNDLE/allies" ]; then
    echo "error: $BUNDLE/allies is missing or not executable: run packaging/build.sh first" >&2
    exit 1
fi
# Desktop files, icons and metainfo travel inside the bundle; fall back to the checkout.
RESOURCES="$BUNDLE/_internal/resources"
[ -d "$RESOURCES/desktop" ] || RESOURCES="$ROOT/resources"
case "$APP_DIR" in
    *[\"\`\$\\]*) echo "error: cannot write a menu entry for a path with \" \` \$ or \\: $APP_DIR" >&2
                exit 1 ;;
esac

echo "Installing Allies from $BUNDLE"
mkdir -p "$DATA_HOME" "$BIN_DIR"
if [ "$BUNDLE" != "$APP_DIR" ]; then
    # Copy beside the old install first, so a failed copy leaves the old one working.
    rm -rf "$APP_DIR.new"
    cp -a "$BUNDLE" "$APP_DIR.new"
    rm -rf "$APP_DIR"
    mv "$APP_DIR.new" "$APP_DIR"
fi
ln -sfn "$APP_DIR/allies" "$BIN_DIR/allies"
echo "  program   $APP_DIR (launcher $BIN_DIR/allies)"

mkdir -p "$DATA_HOME/applications"
desktop="$DATA_HOME/applications/$APP_ID.desktop"
while IFS= read -r line; do
    case "$line" in
        Exec=allies*) line="Exec=\"$APP_DIR/allies\"${line#Exec=allies}" ;;
        TryExec=*) line="TryExec=$APP_DIR/allies" ;;
    esac
    printf '%s\n' "$line"
done < "$RESOURCES/desktop/$APP_ID.desktop" > "$desktop.tmp"
mv "$desktop.tmp" "$desktop"
echo "  menu      $desktop"

icons="$DATA_HOME/icons/hicolor"
for png in "$RESOURCES"/icons/hicolor/*/apps/allies.png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 0644 "$png" "$icons/$size/apps/allies.png"
done
install -D -m 0644 "$RESOURCES/icons/allies.svg" "$icons/scalable/apps/allies.svg"
echo "  icons     $icons"

install -D -m 0644 "$RESOURCES/desktop/$APP_ID.metainfo.xml" \
    "$DATA_HOME/metainfo/$APP_ID.metainfo.xml"
echo "  metainfo  $DATA_HOME/metainfo/$APP_ID.metainfo.xml"

if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA_HOME/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$icons" || true
fi

case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "Note: $BIN_DIR is not on your PATH; the menu entry works, the 'allies' command needs it." ;;
esac
echo "Done. Start Allies from the applications menu or run: allies"
