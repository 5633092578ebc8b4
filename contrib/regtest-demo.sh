#!/usr/bin/env bash
# The main job in one command: build, start a regtest bitcoind in a temporary data directory (-daemonwait), mine 101
# blocks with bitcoin-cli, print getblockchaininfo, and stop the node.
#
#   contrib/regtest-demo.sh            # build (Release) and run
#   SKIP_BUILD=1 contrib/regtest-demo.sh
#   KEEP_DATADIR=1 contrib/regtest-demo.sh   # keep the data directory (debug.log) afterwards
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== Building bitcoind and bitcoin-cli into bin/"
  dotnet build -c Release -v quiet -nologo src/Apps/bitcoind/bitcoind.csproj
  dotnet build -c Release -v quiet -nologo src/Apps/bitcoin-cli/bitcoin-cli.csproj
fi

datadir="$(mktemp -d "${TMPDIR:-/tmp}/regtest-demo.XXXXXX")"
cli=("$repo/bin/bitcoin-cli" -regtest "-datadir=$datadir")
running=0
cleanup() {
  status=$?
  if [ "$running" = 1 ]; then
    "${cli[@]}" stop >/dev/null 2>&1 || true
    # Wait for the node to finish its shutdown before removing its files.
    for _ in $(seq 1 300); do [ -e "$datadir/regtest/bitcoind.pid" ] || break; sleep 0.1; done
  fi
  if [ "${KEEP_DATADIR:-0}" = "1" ]; then
    echo "== Data directory kept: $datadir"
  else
    rm -rf "$datadir"
  fi
  exit $status
}
trap cleanup EXIT

echo "== Starting bitcoind -regtest -datadir=$datadir -daemonwait"
"$repo/bin/bitcoind" -regtest "-datadir=$datadir" -daemonwait
running=1

# BIP173's regtest example address (the key is well known: fine for a demo, never for real coins).
address=bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080
echo "== bitcoin-cli generatetoaddress 101 $address"
"${cli[@]}" generatetoaddress 101 "$address" | tail -n 3
echo "== bitcoin-cli getblockchaininfo"
"${cli[@]}" getblockchaininfo

echo "== bitcoin-cli stop"
"${cli[@]}" stop
for _ in $(seq 1 300); do [ -e "$datadir/regtest/bitcoind.pid" ] || break; sleep 0.1; done
running=0
grep -q "Shutdown done" "$datadir/regtest/debug.log" && echo "== The node shut down cleanly (debug.log: Shutdown done)"
