#!/usr/bin/env bash
# Make sure the Debian/Ubuntu packages Allies needs at run time are installed.
#
#   tools/ensure_system_deps.sh               Qt's offscreen/runtime libraries
#   tools/ensure_system_deps.sh --xvfb        + a real X server for GUI tests (Xvfb, trayer)
#                                               and a private D-Bus (dbus-daemon)
#   tools/ensure_system_deps.sh --packaging   + desktop-file-validate, appstreamcli
#   tools/ensure_system_deps.sh --servers     + test servers: Dovecot (IMAP); the system's
#                                               own Dovecot service is stopped and disabled
#                                               (the tests start private ones on loopback)
#
# Idempotent: checks each package with dpkg (and each library with ldconfig), installs
# only what is missing with apt-get when running as root or through password-less sudo,
# and otherwise prints the apt-get command to run. Exit 0 when everything is present.
# The package lists are the ones measured in /work/shared/TECH-NOTES.md (Debian 12).
set -euo pipefail

RUNTIME=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
         libxkbcommon0)
XVFB=(xvfb xauth trayer libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
      libxkbcommon-x11-0 x11-utils imagemagick dbus-daemon)
PACKAGING=(desktop-file-utils appstream)
SERVERS=(dovecot-imapd)

wanted=("${RUNTIME[@]}")
for arg in "$@"; do
    case "$arg" in
        --xvfb) wanted+=("${XVFB[@]}") ;;
        --packaging) wanted+=("${PACKAGING[@]}") ;;
        --servers) wanted+=("${SERVERS[@]}") ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ensure_system_deps: not a Debian/Ubuntu system (no dpkg); install the Qt 6 runtime" \
         "libraries yourself: ${wanted[*]}" >&2
    exit 0
fi

# A package counts as present when dpkg has it installed. Newer releases rename some
# library packages (Ubuntu 24.04: libglib2.0-0 -> libglib2.0-0t64), so a library that
# ldconfig already finds also counts, and so does a tool found on the PATH.
declare -A SONAME=(
    [libegl1]=libEGL.so.1 [libgl1]=libGL.so.1 [libx11-6]=libX11.so.6
    [libdbus-1-3]=libdbus-1.so.3 [libfontconfig1]=libfontconfig.so.1
    [libfreetype6]=libfreetype.so.6 [libglib2.0-0]=libglib-2.0.so.0
    [libxkbcommon0]=libxkbcommon.so.0 [libxcb-cursor0]=libxcb-cursor.so.0
    [libxcb-icccm4]=libxcb-icccm.so.4 [libxcb-image0]=libxcb-image.so.0
    [libxcb-keysyms1]=libxcb-keysyms.so.1 [libxcb-render-util0]=libxcb-render-util.so.0
    [libxcb-render0]=libxcb-render.so.0 [libxcb-shape0]=libxcb-shape.so.0
    [libxcb-util1]=libxcb-util.so.1 [libxcb-xkb1]=libxcb-xkb.so.1
    [libxkbcommon-x11-0]=libxkbcommon-x11.so.0
)
declare -A PROGRAM=(
    [xvfb]=Xvfb [xauth]=xauth [trayer]=trayer [x11-utils]=xwininfo [imagemagick]=import
    [dbus-daemon]=dbus-daemon
    [desktop-file-utils]=desktop-file-validate [appstream]=appstreamcli
    [dovecot-imapd]=dovecot
)

libraries="$(ldconfig -p 2>/dev/null || true)"
present() {
    local package="$1"
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ]; then
        return 0
    fi
    if [ -n "${SONAME[$package]:-}" ] && grep -qF "${SONAME[$package]} " <<<"$libraries"; then
        return 0
    fi
    [ -n "${PROGRAM[$package]:-}" ] && command -v "${PROGRAM[$package]}" >/dev/null 2>&1
}

missing=()
for package in "${wanted[@]}"; do
    present "$package" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "ensure_system_deps: all ${#wanted[@]} system packages present"
    exit 0
fi

echo "ensure_system_deps: missing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "ensure_system_deps: not root and no password-less sudo; please run:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when apt cannot find a candidate for a missing package.
if ! apt-get install -y --no-install-recommends --simulate "${missing[@]}" >/dev/null 2>&1; then
    "${as_root[@]}" apt-get update -qq
fi
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
    # The package starts a system Dovecot on port 143; the tests need none of it.
    "${as_root[@]}" systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 ||
        "${as_root[@]}" service dovecot stop >/dev/null 2>&1 || true
fi

still=()
for package in "${missing[@]}"; do
    present "$package" || still+=("$package")
done
if [ "${#still[@]}" -ne 0 ]; then
    echo "ensure_system_deps: still missing after apt-get: ${still[*]}" >&2
    exit 1
fi
echo "ensure_system_deps: installed ${missing[*]}"
