#!/usr/bin/env bash
# Runs chosen tests of Bitcoin Core's functional test framework (test/functional, pure Python) against our
# executables in bin/. Nothing of Core is built or committed: the framework is copied into a scratch folder
# outside the repository, with a config.ini describing our build.
#
#   contrib/core-functional-tests.sh /path/to/bitcoin-core [test_runner.py options and test names]
#   contrib/core-functional-tests.sh /work/core rpc_uptime.py rpc_help.py feature_config_args.py
#
# Environment: SCRATCH (default: a new folder under /tmp per run, so concurrent runs do not wipe each other),
# BITCOIND (default bin/bitcoind), BITCOINCLI (default bin/bitcoin-cli), ENABLE_WALLET (default true: bitcoind has
# its wallet; false skips the wallet tests), BITCOINWALLET (default bin/bitcoin-wallet, the offline wallet tool),
# ENABLE_WALLET_TOOL (default true when BITCOINWALLET exists), JOBS (default 2).
# MULTIPROCESS=1 is short for BITCOIND=bin/bitcoin-node: the same tests against the multiprocess node, whose wallet
# runs in the bitcoin-wallet process it spawns (bin/bitcoin-wallet must be built too):
#
#   MULTIPROCESS=1 JOBS=1 contrib/core-functional-tests.sh /work/core wallet_basic.py wallet_multiwallet.py
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1/test/functional/test_runner.py" ]; then
  echo "usage: $0 <bitcoin-core-checkout> [test_runner.py options] [tests...]" >&2
  echo "       (the checkout must contain test/functional/test_runner.py)" >&2
  exit 2
fi
core="$(cd "$1" && pwd)"; shift
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$(mktemp -d /tmp/core-functional.XXXXXX)}"
echo "scratch folder: $scratch" >&2
if [ "${MULTIPROCESS:-0}" = "1" ]; then
  default_node="$repo/bin/bitcoin-node"
else
  default_node="$repo/bin/bitcoind"
fi
export BITCOIND="${BITCOIND:-$default_node}"
export BITCOINCLI="${BITCOINCLI:-$repo/bin/bitcoin-cli}"
# The framework runs the offline wallet tool (tool_wallet.py, wallet_encryption.py's dump part) from BITCOINWALLET.
export BITCOINWALLET="${BITCOINWALLET:-$repo/bin/bitcoin-wallet}"
executables=("$BITCOIND" "$BITCOINCLI")
# bitcoin-node spawns its wallet process from its own directory.
[ "$(basename "$BITCOIND")" = "bitcoin-node" ] && executables+=("$(dirname "$BITCOIND")/bitcoin-wallet")
for exe in "${executables[@]}"; do
  [ -x "$exe" ] || { echo "$exe is missing: run 'dotnet build -c Release' first" >&2; exit 2; }
done
# The framework starts the node from the tests' own folders: paths given relative to here must not break.
BITCOIND="$(realpath "$BITCOIND")"
BITCOINCLI="$(realpath "$BITCOINCLI")"
[ -e "$BITCOINWALLET" ] && BITCOINWALLET="$(realpath "$BITCOINWALLET")"
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

rm -rf "$scratch/test"
mkdir -p "$scratch/test" "$scratch/bin"
cp -r "$core/test/functional" "$scratch/test/functional"

# The components we build; a component marked true must exist (rpc_help.py compares RPC categories with them).
cat > "$scratch/test/config.ini" <<INI
[environment]
CLIENT_NAME=Bitcoin Core
CLIENT_BUGREPORT=https://github.com/bitcoin/bitcoin/issues
SRCDIR=$core
BUILDDIR=$scratch
EXEEXT=
RPCAUTH=$core/share/rpcauth/rpcauth.py

[components]
ENABLE_WALLET=${ENABLE_WALLET:-true}
BUILD_BENCH=false
ENABLE_CLI=true
BUILD_BITCOIN_TX=false
ENABLE_BITCOIN_UTIL=false
ENABLE_BITCOIN_CHAINSTATE=false
ENABLE_WALLET_TOOL=${ENABLE_WALLET_TOOL:-$([ -x "$BITCOINWALLET" ] && echo true || echo false)}
ENABLE_BITCOIND=true
ENABLE_FUZZ_BINARY=false
ENABLE_ZMQ=false
ENABLE_EMBEDDED_ASMAP=false
ENABLE_EXTERNAL_SIGNER=false
ENABLE_USDT_TRACEPOINTS=false
ENABLE_IPC=false
BUILD_GUI=false
INI

exec python3 "$scratch/test/functional/test_runner.py" --jobs="${JOBS:-2}" --tmpdirprefix="$scratch/tmp" \
  --configfile="$scratch/test/config.ini" "$@"
