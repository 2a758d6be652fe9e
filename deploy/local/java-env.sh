# Sourced by deploy/local/stack and .ci/run: points JAVA_HOME at a JDK of release 21 or newer.
# Tries JAVA_HOME, then the java on PATH, then the JDKs under /usr/lib/jvm, newest first.

spool_java_release() { # prints the major release of the java binary $1
  # A JDK's release file says it without starting a JVM (which costs bin/spool a quarter of a second at every command).
  local release_file release
  release_file="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release_file" ]; then
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release_file")
    if [ -n "$release" ]; then echo "$release"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

spool_use_jdk() {
  local candidate release
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
                   $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    release=$(spool_java_release "$candidate/bin/java")
    if [ -n "$release" ] && [ "${release%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: Spool needs a JDK of release 21 or newer; none was found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "       Install one (for example the openjdk-21-jdk package) or set JAVA_HOME to it." >&2
  return 1
}
