# Sourced by .ci/run and ./chengis: makes JAVA_HOME point at a JDK >= 21 and puts it first on PATH.
# Keeps JAVA_HOME when it is good enough, otherwise picks the newest JDK under /usr/lib/jvm.
# Usage: . scripts/java-home.sh && pick_java_home [quiet]   (returns 1 when there is none)

java_major() { # prints the feature version of the JDK at $1, or 0
  local release="$1/release"
  [ -f "$release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
}

pick_java_home() {
  local quiet="${1:-}" best="" best_version=0 candidate version
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    [ -n "$quiet" ] || echo "Using JAVA_HOME=$JAVA_HOME"
  else
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/javac" ] || continue
      version=$(java_major "$candidate")
      if [ "${version:-0}" -gt "$best_version" ]; then best="$candidate" best_version="$version"; fi
    done
    if [ "$best_version" -lt 21 ]; then
      echo "No JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', nothing suitable under /usr/lib/jvm)." >&2
      echo "Install a JDK 21+ and set JAVA_HOME to it." >&2
      return 1
    fi
    export JAVA_HOME="$best"
    [ -n "$quiet" ] || echo "Using the newest JDK under /usr/lib/jvm: $JAVA_HOME (Java $best_version)"
  fi
  export PATH="$JAVA_HOME/bin:$PATH"
}
