#!/usr/bin/env bash
# Installs a Jupyter kernel for Java, "Java (Lazuli)", with Lazuli on its class path: the rapaio
# kernel (io.github.padreati:rapaio-jupyter-kernel, from Maven Central) and Lazuli's jars, copied into
# the kernel's folder so it does not depend on this checkout's build folders afterwards.
#
#   notebooks/install-kernel.sh            # into $JUPYTER_DATA_DIR, else ~/.local/share/jupyter
#   jupyter nbconvert --to html --execute notebooks/tutorial.ipynb
#
# Needs Java 17+, Maven and Jupyter (Debian: apt-get install jupyter-nbconvert jupyter-client).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}"
kernel="$data/kernels/lazuli-java"
kernel_version=3.0.1

if ! command -v jupyter >/dev/null; then
    echo "install-kernel.sh: jupyter is not installed (Debian: apt-get install jupyter-nbconvert jupyter-client)" >&2
    exit 1
fi

if [[ "${LAZULI_SKIP_BUILD:-}" != 1 ]]; then
    mvn -B -q -f "$root/pom.xml" install -DskipTests -pl notebooks -am
fi

rm -rf "$kernel.new"
mkdir -p "$kernel.new/lib"
mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$kernel.new/lib"
cp "$here"/target/lazuli-notebooks-*[0-9T].jar "$kernel.new/lib/"
mvn -B -q -f "$here/pom.xml" dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" \
    -DoutputDirectory="$kernel.new"

lib="$kernel/lib"
classpath="$(cd "$kernel.new/lib" && ls *.jar | sed "s|^|$lib/|" | paste -sd: -)"
java="$(command -v java)"
cat > "$kernel.new/kernel.json" <<JSON
{
  "argv": ["$java", "-Djava.awt.headless=true", "--add-modules", "jdk.jshell",
           "-cp", "$kernel/rapaio-jupyter-kernel-$kernel_version.jar:$classpath",
           "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (Lazuli)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": "$classpath", "RJK_COMPILER_OPTIONS": "-Xlint:none"}
}
JSON
rm -rf "$kernel"
mv "$kernel.new" "$kernel"
echo "Installed the kernel lazuli-java in $kernel ($(ls "$kernel/lib" | wc -l) jars)"
