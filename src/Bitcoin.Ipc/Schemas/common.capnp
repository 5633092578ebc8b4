# Types shared by Bitcoin Core's IPC interfaces. File id, names, ordinals and types follow Bitcoin Core master so
# that this side and Core's processes agree on the wire.

@0xcd2c6232cb484a28;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Proxy = import "/mp/proxy.capnp";
$Proxy.includeTypes("ipc/capnp/common-types.h");

struct BlockRef $Proxy.wrap("interfaces::BlockRef") {
    # A block by hash and height.
    hash @0 :Data;
    height @1 :Int32;
}

# The types below follow Core's multiprocess branch (chain, wallet and node schemas use them).

struct Settings $Proxy.wrap("common::Settings") {
    # Every settings source, each value as UniValue JSON text.
    forcedSettings @0 :List(Pair(Text, Text)) $Proxy.name("forced_settings");
    commandLineOptions @1 :List(Pair(Text, List(Text))) $Proxy.name("command_line_options");
    rwSettings @2 :List(Pair(Text, Text)) $Proxy.name("rw_settings");
    roConfig @3 :List(Pair(Text, List(Pair(Text, List(Text))))) $Proxy.name("ro_config");
}

struct GlobalArgs $Proxy.count(0) {
    # The parent's arguments, handed to a process it starts (makeWalletLoader).
    settings @0 :Settings;
    configPath @1 :Text;
}

struct BilingualStr $Proxy.wrap("bilingual_str") {
    original @0 :Text;
    translated @1 :Text;
}

struct Result(Value) {
    # A value, or an error when `error` is set.
    value @0 :Value;
    error @1 :BilingualStr;
}

struct ResultVoid(Value) {
    # Success when `error` is not set.
    error @0 :BilingualStr;
}

struct Pair(Key, Value) {
    key @0 :Key;
    value @1 :Value;
}

struct PairInt64(Key) {
    key @0 :Key;
    value @1 :Int64;
}

struct PairUInt64(Key) {
    key @0 :Key;
    value @1 :UInt64;
}

struct FeeCalculation $Proxy.wrap("FeeCalculation") {
    est @0 :EstimationResult;
    reason @1 :Int32;
    desiredTarget @2 :Int32;
    returnedTarget @3 :Int32;
}

struct EstimationResult $Proxy.wrap("EstimationResult") {
    pass @0 :EstimatorBucket;
    fail @1 :EstimatorBucket;
    decay @2 :Float64;
    scale @3 :UInt32;
}

struct EstimatorBucket $Proxy.wrap("EstimatorBucket") {
    start @0 :Float64;
    end @1 :Float64;
    withinTarget @2 :Float64;
    totalConfirmed @3 :Float64;
    inMempool @4 :Float64;
    leftMempool @5 :Float64;
}
