# Sourced by the bench scripts: selects JDK 25, packages Vigil (tests skipped) and compiles the harness in
# bench/src against it. Sets root, out (the harness classes) and cp (Vigil's jar and its dependencies).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/java-env.sh"
(cd "$root" && mvn -q -B -DskipTests package)
out="$root/bench/target/classes"
rm -rf "$out" && mkdir -p "$out"
cp="$root/target/vigil.jar:$(ls "$root"/target/lib/*.jar | tr '\n' ':')"
javac --release 25 -d "$out" -cp "$cp" $(find "$root/bench/src" -name '*.java')
