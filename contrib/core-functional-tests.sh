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
# its wallet; false skips the wallet tests), JOBS (default 2).
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
export BITCOIND="${BITCOIND:-$repo/bin/bitcoind}"
export BITCOINCLI="${BITCOINCLI:-$repo/bin/bitcoin-cli}"
for exe in "$BITCOIND" "$BITCOINCLI"; do
  [ -x "$exe" ] || { echo "$exe is missing: run 'dotnet build -c Release' first" >&2; exit 2; }
done
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
ENABLE_WALLET_TOOL=false
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
