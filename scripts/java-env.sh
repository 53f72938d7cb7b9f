#!/usr/bin/env bash
# Sourced by ./vigil, scripts/test.sh and .ci/run: selects a JDK 25 and exports JAVA_HOME.
# The machine's default java is 17; Temurin 25 sits beside it under /usr/lib/jvm.
vigil_java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }

vigil_select_jdk() {
  local candidate
  for candidate in "${VIGIL_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /opt/java/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(vigil_java_major "$candidate")" = "25" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "vigil: no JDK 25 found (looked at \$VIGIL_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm/*25*)." >&2
  echo "vigil: install Temurin 25 (e.g. apt-get install temurin-25-jdk) or set VIGIL_JAVA_HOME to a JDK 25." >&2
  return 1
}
vigil_select_jdk
