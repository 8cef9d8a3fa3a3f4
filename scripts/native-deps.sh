# Sourced by ./ballistics and ./test.sh: makes sure the native libraries OpenCvSharp's
# libOpenCvSharpExtern.so links against are present, installing them when we can.
# Debian package -> shared object it provides.
BALLISTICS_NATIVE_PACKAGES=(libgtk-3-0 libdrm2 libatomic1)
BALLISTICS_NATIVE_LIBS=(libgtk-3.so.0 libdrm.so.2 libatomic.so.1)

ensure_native_deps() {
  local missing=() i cache
  # Read the linker cache once: `ldconfig -p | grep -q` under pipefail reports SIGPIPE as "missing".
  cache="$(/sbin/ldconfig -p 2>/dev/null || true)"
  for i in "${!BALLISTICS_NATIVE_LIBS[@]}"; do
    if ! grep -qF "${BALLISTICS_NATIVE_LIBS[$i]} " <<<"$cache"; then
      missing+=("${BALLISTICS_NATIVE_PACKAGES[$i]}")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  apt_install "native libraries for OpenCV" "${missing[@]}"
}

# apt_install WHAT PACKAGE...: installs Debian packages when running as root, else prints the command to run.
apt_install() {
  local what="$1"; shift
  local cmd="apt-get update && apt-get install -y --no-install-recommends $*"
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ballistics: installing $what: $*" >&2
    if ! (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@") >&2; then
      echo "ballistics: installing $* failed; run as root: $cmd" >&2
      return 1
    fi
    return 0
  fi

  echo "ballistics: missing $what: $*" >&2
  echo "ballistics: install them with: sudo sh -c '$cmd'" >&2
  return 1
}

# The review page's end-to-end tests drive Debian's Chromium (Playwright's own browser download is refused here).
ensure_test_browser() {
  [ -x /usr/bin/chromium ] && return 0
  apt_install "the browser for the review page's tests" chromium
}

# The OpenAPI document's tests run a standard linter over it: Redocly's CLI from npm, pinned, installed once into
# .tools/ beside the repository's sources (ignored by git); its path goes to the tests in BALLISTICS_REDOCLY.
BALLISTICS_REDOCLY_VERSION=2.77.0
ensure_redocly() {
  local dir="$repo/.tools/redocly-$BALLISTICS_REDOCLY_VERSION"
  if [ ! -x "$dir/node_modules/.bin/redocly" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      apt_install "Node.js for the OpenAPI linter" nodejs npm || return 1
    fi
    echo "ballistics: installing @redocly/cli $BALLISTICS_REDOCLY_VERSION into $dir" >&2
    mkdir -p "$dir" && npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "@redocly/cli@$BALLISTICS_REDOCLY_VERSION" >&2 || {
      echo "ballistics: installing @redocly/cli failed (npm install --prefix $dir @redocly/cli@$BALLISTICS_REDOCLY_VERSION)" >&2
      return 1
    }
  fi
  export BALLISTICS_REDOCLY="$dir/node_modules/.bin/redocly"
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "ballistics: the .NET SDK (see global.json) is not on PATH; install dotnet-sdk-10.0" >&2
    return 1
  fi
}
