#!/usr/bin/env bash
# Regenerates everything derived from the Cap'n Proto schemas with the official compiler (`capnp`, Debian package
# capnproto) and our plugin, capnpc-csharp:
#   src/Capnp/Rpc/Generated       from src/Capnp/Rpc/Schemas    (the RPC protocol: our declarations of Cap'n Proto's rpc.capnp, rpc-twoparty.capnp)
#   src/Multiprocess/Generated    from src/Multiprocess/Schemas (libmultiprocess's proxy.capnp)
#   src/Bitcoin.Ipc/Generated     from src/Bitcoin.Ipc/Schemas  (Bitcoin Core's init, echo, mining, common, rpc)
#   tests/Capnp.Tests/Generated   from tests/Capnp.Tests/Schemas (the test schema)
#   tests/Capnp.Rpc.Tests/Generated from tests/Capnp.Rpc.Tests/Schemas (the RPC tests' schema, shared with the C++ peer)
#   tests/Multiprocess.Tests/Generated from tests/Multiprocess.Tests/Schemas (the thread-mapping tests' schema)
#   tests/Capnp.Tests/Vectors/*.bin from the *.txt beside them (`capnp encode`: plain, packed, small segments)
#
# Usage: scripts/capnp-regen.sh [--out DIR] [--plugin PATH]
#   --out DIR      write under DIR (same relative paths) instead of the repository; the test that checks the
#                  committed files are current uses this and compares.
#   --plugin PATH  use this capnpc-csharp instead of building src/Capnp.Generator.
set -euo pipefail
shopt -s nullglob

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root
plugin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    *) echo "usage: $0 [--out DIR] [--plugin PATH]" >&2; exit 2 ;;
  esac
done

command -v capnp >/dev/null || { echo "capnp not found: apt-get install capnproto" >&2; exit 1; }
if [ -z "$plugin" ]; then
  dotnet build "$root/src/Capnp.Generator/Capnp.Generator.csproj" -c Release -nologo -v quiet >&2
  plugin=$root/bin/capnpc-csharp
fi

cd "$root"
# Only our own declarations of c++.capnp and proxy.capnp are used, never those installed in /usr/include.
imports=(--no-standard-import -I src/Capnp/Schemas -I src/Multiprocess/Schemas)

generate() { # <schema dir> <output dir> <schema files...>
  local src=$1 dest=$2
  shift 2
  rm -rf "$dest"
  mkdir -p "$dest"
  capnp compile "${imports[@]}" --src-prefix="$src" -o"$plugin:$dest" "$@"
}

generate src/Capnp/Rpc/Schemas "$out/src/Capnp/Rpc/Generated" src/Capnp/Rpc/Schemas/*.capnp
generate src/Multiprocess/Schemas "$out/src/Multiprocess/Generated" src/Multiprocess/Schemas/mp/proxy.capnp
generate src/Bitcoin.Ipc/Schemas "$out/src/Bitcoin.Ipc/Generated" src/Bitcoin.Ipc/Schemas/*.capnp
generate tests/Capnp.Tests/Schemas "$out/tests/Capnp.Tests/Generated" tests/Capnp.Tests/Schemas/*.capnp
generate tests/Capnp.Rpc.Tests/Schemas "$out/tests/Capnp.Rpc.Tests/Generated" tests/Capnp.Rpc.Tests/Schemas/*.capnp
generate tests/Multiprocess.Tests/Schemas "$out/tests/Multiprocess.Tests/Generated" tests/Multiprocess.Tests/Schemas/*.capnp

# Test vectors: each Vectors/<Type>.<case>.txt holds one message of root type <Type> of the test schema, in the
# text form `capnp decode --short` prints. The binaries are what the C++ library writes for it.
mkdir -p "$out/tests/Capnp.Tests/Vectors"
for txt in tests/Capnp.Tests/Vectors/*.txt; do
  name=$(basename "$txt" .txt)
  type=${name%%.*}
  base="$out/tests/Capnp.Tests/Vectors/$name"
  schema=tests/Capnp.Tests/Schemas/test.capnp
  capnp encode "${imports[@]}" "$schema" "$type" < "$txt" > "$base.bin"
  capnp encode "${imports[@]}" --packed "$schema" "$type" < "$txt" > "$base.packed.bin"
  capnp encode "${imports[@]}" --segment-size=8 "$schema" "$type" < "$txt" > "$base.segmented.bin"
done
