# Shared setup for the scripts: sourced, not run. Installs everything Mamori
# needs on a fresh Debian machine: system packages (when root), uv, and the
# locked Python environment in .venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
UV_VERSION="0.13.8"

if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    echo "Mamori には Python 3.11 以上が必要です / Mamori needs Python 3.11 or newer." >&2
    echo "Found: $("$PYTHON" --version 2>&1 || echo 'no python3')" >&2
    exit 2
fi

# Debian packages: Japanese fonts for PDFs, Pango for WeasyPrint, poppler for
# checking rendered PDFs, gettext for translations, Chromium for browser tests.
ensure_apt_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing system packages: ${missing[*]}" >&2
        echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_uv() {
    if [ ! -x .tools/bin/uv ]; then
        "$PYTHON" -m venv .tools
        .tools/bin/pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
    fi
    UV="$ROOT/.tools/bin/uv"
    export UV_PYTHON_DOWNLOADS=never
}

# $1: "dev" to include the development group (tests, lint, types).
sync_python() {
    ensure_uv
    local groups=(--no-dev)
    [ "${1:-}" = "dev" ] && groups=()
    "$UV" sync --frozen --python "$PYTHON" --quiet "${groups[@]}"
}

RUNTIME_APT=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 gettext)
TEST_APT=(chromium poppler-utils)
