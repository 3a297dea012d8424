#!/usr/bin/env bash
# Remove what packaging/install.sh installed for the current user.
#
# Your contacts database, settings and logs (~/.local/share/Allies, ~/.config, the log
# folder) are kept; delete them yourself if you want them gone.
set -euo pipefail

DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN_DIR="$HOME/.local/bin"
APP_DIR="$DATA_HOME/allies"
APP_ID="de.allies.Allies"

# Only remove the program folder if it is the bundle install.sh put there.
if [ -d "$APP_DIR" ]; then
    if [ -x "$APP_DIR/allies" ] && [ -d "$APP_DIR/_internal" ]; then
        rm -rf "$APP_DIR"
        echo "removed $APP_DIR"
    else
        echo "left $APP_DIR alone: it does not look like an Allies bundle" >&2
    fi
fi
rm -rf "$APP_DIR.new"
if [ -L "$BIN_DIR/allies" ] && [ "$(readlink "$BIN_DIR/allies")" = "$APP_DIR/allies" ]; then
    rm -f "$BIN_DIR/allies"
    echo "removed $BIN_DIR/allies"
fi

icons="$DATA_HOME/icons/hicolor"
for path in \
    "$DATA_HOME/applications/$APP_ID.desktop" \
    "$DATA_HOME/metainfo/$APP_ID.metainfo.xml" \
    "$icons"/*/apps/allies.png \
    "$icons/scalable/apps/allies.svg"; do
    if [ -e "$path" ]; then
        rm -f "$path"
        echo "removed $path"
    fi
done

if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA_HOME/applications" ]; then
    update-desktop-database -q "$DATA_HOME/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$icons" ]; then
    gtk-update-icon-cache -q -t -f "$icons" || true
fi
echo "Allies is uninstalled; your data in $DATA_HOME/Allies is kept."
