#!/usr/bin/env bash
# The main job in one command: build, start a regtest multiprocess node with its wallet (bin/bitcoin-node, which
# spawns bin/bitcoin-wallet) in a temporary data directory (-daemonwait), create a wallet, mine 101 blocks to it with
# bitcoin-cli, show its balance and the two processes, and stop the node.
#
#   contrib/regtest-demo.sh            # build (Release) and run
#   SKIP_BUILD=1 contrib/regtest-demo.sh
#   KEEP_DATADIR=1 contrib/regtest-demo.sh   # keep the data directory (debug.log) afterwards
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== Building bitcoin-node, bitcoin-wallet and bitcoin-cli into bin/"
  for project in bitcoin-node bitcoin-wallet bitcoin-cli; do
    dotnet build -c Release -v quiet -nologo "src/Apps/$project/$project.csproj"
  done
fi

datadir="$(mktemp -d "${TMPDIR:-/tmp}/regtest-demo.XXXXXX")"
cli=("$repo/bin/bitcoin-cli" -regtest "-datadir=$datadir")
running=0
wait_for_exit() {
  # The pid file goes at the very end of shutdown, after the wallet process has exited.
  for _ in $(seq 1 300); do [ -e "$datadir/regtest/bitcoind.pid" ] || break; sleep 0.1; done
}
cleanup() {
  status=$?
  if [ "$running" = 1 ]; then
    "${cli[@]}" stop >/dev/null 2>&1 || true
    wait_for_exit
  fi
  if [ "${KEEP_DATADIR:-0}" = "1" ]; then
    echo "== Data directory kept: $datadir"
  else
    rm -rf "$datadir"
  fi
  exit $status
}
trap cleanup EXIT

echo "== Starting bitcoin-node -regtest -datadir=$datadir -fallbackfee=0.0002 -daemonwait"
"$repo/bin/bitcoin-node" -regtest "-datadir=$datadir" -fallbackfee=0.0002 -daemonwait
running=1

echo "== bitcoin-cli createwallet demo"
"${cli[@]}" createwallet demo
address="$("${cli[@]}" getnewaddress)"
echo "== bitcoin-cli getnewaddress: $address"
echo "== bitcoin-cli generatetoaddress 101 $address"
"${cli[@]}" generatetoaddress 101 "$address" | tail -n 3
echo "== bitcoin-cli getbalance (the first block's 50 BTC have matured)"
"${cli[@]}" getbalance

node_pid="$(cat "$datadir/regtest/bitcoind.pid")"
echo "== The node (pid $node_pid) and the wallet process it spawned"
ps -o pid,ppid,args -p "$node_pid" --ppid "$node_pid"

echo "== bitcoin-cli stop"
"${cli[@]}" stop
wait_for_exit
running=0
log="$datadir/regtest/debug.log"
grep -h "Wallet process bitcoin-wallet pid .* exited" "$log" | tail -n 1 || true
grep -q "Shutdown done" "$log" && echo "== The node and its wallet process shut down cleanly (debug.log: Shutdown done)"
