# The Chain interface the node gives its clients (the wallet), the notifications and RPC commands clients give back,
# and the ChainClient interface the node drives. File id, names, ordinals and types follow Bitcoin Core's multiprocess
# branch. Hashes, transactions, blocks, locators and outpoints travel as Data in Bitcoin serialization (transactions
# with witnesses); fee rates as a serialized CFeeRate (Int64 fee, Int32 size); settings and JSON as UniValue text.

@0x94f21a4864bd2c65;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Proxy = import "/mp/proxy.capnp";
$Proxy.include("interfaces/chain.h");
$Proxy.include("rpc/server.h");
$Proxy.includeTypes("ipc/capnp/chain-types.h");

using Common = import "common.capnp";
using Handler = import "handler.capnp";

interface Chain $Proxy.wrap("interfaces::Chain") {
    destroy @0 (context :Proxy.Context) -> ();
    getHeight @1 (context :Proxy.Context) -> (result :Int32, hasResult :Bool);
    getBlockHash @2 (context :Proxy.Context, height :Int32) -> (result :Data);
    haveBlockOnDisk @3 (context :Proxy.Context, height :Int32) -> (result :Bool);
    findLocatorFork @4 (context :Proxy.Context, locator :Data) -> (result :Int32, hasResult :Bool);
    hasBlockFilterIndex @5 (context :Proxy.Context, filterType :UInt8) -> (result :Bool);
    blockFilterMatchesAny @6 (context :Proxy.Context, filterType :UInt8, blockHash :Data, filterSet :List(Data)) -> (result :Bool, hasResult :Bool);
    findBlock @7 (context :Proxy.Context, hash :Data, block :FoundBlockParam) -> (block :FoundBlockResult, result :Bool);
    findFirstBlockWithTimeAndHeight @8 (context :Proxy.Context, minTime :Int64, minHeight :Int32, block :FoundBlockParam) -> (block :FoundBlockResult, result :Bool);
    findAncestorByHeight @9 (context :Proxy.Context, blockHash :Data, ancestorHeight :Int32, ancestor :FoundBlockParam) -> (ancestor :FoundBlockResult, result :Bool);
    findAncestorByHash @10 (context :Proxy.Context, blockHash :Data, ancestorHash :Data, ancestor :FoundBlockParam) -> (ancestor :FoundBlockResult, result :Bool);
    findCommonAncestor @11 (context :Proxy.Context, blockHash1 :Data, blockHash2 :Data, ancestor :FoundBlockParam, block1 :FoundBlockParam, block2 :FoundBlockParam) -> (ancestor :FoundBlockResult, block1 :FoundBlockResult, block2 :FoundBlockResult, result :Bool);
    findCoins @12 (context :Proxy.Context, coins :List(Common.Pair(Data, Data))) -> (coins :List(Common.Pair(Data, Data)));
    # Keys are serialized outpoints; values serialized coins (Core's Coin: height * 2 + coinbase as a VARINT, then
    # the compressed output). Coins not found come back with an empty value.
    guessVerificationProgress @13 (context :Proxy.Context, blockHash :Data) -> (result :Float64);
    hasBlocks @14 (context :Proxy.Context, blockHash :Data, minHeight :Int32, maxHeight :Int32, hasMaxHeight :Bool) -> (result :Bool);
    isRBFOptIn @15 (context :Proxy.Context, tx :Data) -> (result :Int32);
    isInMempool @16 (context :Proxy.Context, txid :Data) -> (result :Bool);
    hasDescendantsInMempool @17 (context :Proxy.Context, txid :Data) -> (result :Bool);
    broadcastTransaction @18 (context :Proxy.Context, tx :Data, maxTxFee :Int64, broadcastMethod :Int32) -> (error :Text, result :Bool);
    getTransactionAncestry @19 (context :Proxy.Context, txid :Data) -> (ancestors :UInt64, descendants :UInt64, ancestorsize :UInt64, ancestorfees :Int64);
    # `descendants` carries Core master's cluster count (the field kept the branch's name).
    calculateIndividualBumpFees @20 (context :Proxy.Context, outpoints :List(Data), targetFeerate :Data) -> (result :List(Common.PairInt64(Data)));
    calculateCombinedBumpFee @21 (context :Proxy.Context, outpoints :List(Data), targetFeerate :Data) -> (result :Int64, hasResult :Bool);
    getPackageLimits @22 (context :Proxy.Context) -> (ancestors :UInt32, descendants :UInt32);
    checkChainLimits @23 (context :Proxy.Context, tx :Data) -> (result :Common.ResultVoid);
    estimateSmartFee @24 (context :Proxy.Context, numBlocks :Int32, conservative :Bool, wantCalc :Bool) -> (calc :Common.FeeCalculation, result :Data);
    # Kept for peers built from the branch; Core master replaced it with getFeeRateEstimate (@52).
    estimateMaxBlocks @25 (context :Proxy.Context) -> (result :UInt32);
    # Core master's maximumFeeEstimationTargetBlocks.
    mempoolMinFee @26 (context :Proxy.Context) -> (result :Data);
    relayMinFee @27 (context :Proxy.Context) -> (result :Data);
    relayIncrementalFee @28 (context :Proxy.Context) -> (result :Data);
    relayDustFee @29 (context :Proxy.Context) -> (result :Data);
    havePruned @30 (context :Proxy.Context) -> (result :Bool);
    getPruneHeight @31 (context :Proxy.Context) -> (result :Int32, hasResult :Bool);
    isReadyToBroadcast @32 (context :Proxy.Context) -> (result :Bool);
    isInitialBlockDownload @33 (context :Proxy.Context) -> (result :Bool);
    shutdownRequested @34 (context :Proxy.Context) -> (result :Bool);
    initMessage @35 (context :Proxy.Context, message :Text) -> ();
    initWarning @36 (context :Proxy.Context, message :Common.BilingualStr) -> ();
    initError @37 (context :Proxy.Context, message :Common.BilingualStr) -> ();
    showProgress @38 (context :Proxy.Context, title :Text, progress :Int32, resumePossible :Bool) -> ();
    handleNotifications @39 (context :Proxy.Context, notifications :ChainNotifications) -> (result :Handler.Handler);
    waitForNotificationsIfTipChanged @40 (context :Proxy.Context, oldTip :Data) -> ();
    waitForNotifications @41 (context :Proxy.Context) -> ();
    handleRpc @42 (context :Proxy.Context, command :RPCCommand) -> (result :Handler.Handler);
    rpcEnableDeprecated @43 (context :Proxy.Context, method :Text) -> (result :Bool);
    getSetting @44 (context :Proxy.Context, name :Text) -> (result :Text);
    getSettingsList @45 (context :Proxy.Context, name :Text) -> (result :List(Text));
    getRwSetting @46 (context :Proxy.Context, name :Text) -> (result :Text);
    updateRwSetting @47 (context :Proxy.Context, name :Text, update :SettingsUpdateCallback) -> (result :Bool);
    overwriteRwSetting @48 (context :Proxy.Context, name :Text, value :Text, action :Int32) -> (result :Bool);
    deleteRwSettings @49 (context :Proxy.Context, name :Text, action :Int32) -> (result :Bool);
    requestMempoolTransactions @50 (context :Proxy.Context, notifications :ChainNotifications) -> ();
    hasAssumedValidChain @51 (context :Proxy.Context) -> (result :Bool);

    # Added here after the branch's methods, for members Core master has and the branch's schema lacks.
    getFeeRateEstimate @52 (context :Proxy.Context, numBlocks :Int32, conservative :Bool) -> (result :FeeRateEstimation, error :Text, hasError :Bool);
}

interface ChainNotifications $Proxy.wrap("interfaces::Chain::Notifications") {
    destroy @0 (context :Proxy.Context) -> ();
    transactionAddedToMempool @1 (context :Proxy.Context, tx :Data) -> ();
    transactionRemovedFromMempool @2 (context :Proxy.Context, tx :Data, reason :Int32) -> ();
    blockConnected @3 (context :Proxy.Context, role :ChainstateRole, block :BlockInfo) -> ();
    blockDisconnected @4 (context :Proxy.Context, block :BlockInfo) -> ();
    updatedBlockTip @5 (context :Proxy.Context) -> ();
    chainStateFlushed @6 (context :Proxy.Context, role :ChainstateRole, locator :Data) -> ();
}

interface ChainClient $Proxy.wrap("interfaces::ChainClient") {
    destroy @0 (context :Proxy.Context) -> ();
    registerRpcs @1 (context :Proxy.Context) -> ();
    verify @2 (context :Proxy.Context) -> (result :Bool);
    load @3 (context :Proxy.Context) -> (result :Bool);
    start @4 (context :Proxy.Context, scheduler :Void) -> ();
    stop @5 (context :Proxy.Context) -> ();
    setMockTime @6 (context :Proxy.Context, time :Int64) -> ();
    schedulerMockForward @7 (context :Proxy.Context, deltaSeconds :Int64) -> ();
}

struct RPCCommand $Proxy.wrap("CRPCCommand") {
    category @0 :Text;
    name @1 :Text;
    actor @2 :ActorCallback;
    argNames @3 :List(RPCArg);
    uniqueId @4 :Int64 $Proxy.name("unique_id");
}

struct RPCArg {
    # One argument name of an RPCCommand and whether it can only be passed by name.
    name @0 :Text;
    namedOnly @1 :Bool;
}

interface ActorCallback $Proxy.wrap("ProxyCallback<CRPCCommand::Actor>") {
    call @0 (context :Proxy.Context, request :JSONRPCRequest, response :Text, lastCallback :Bool) -> (error :Text $Proxy.exception("std::exception"), rpcError :Text $Proxy.exception("UniValue"), typeError :Text $Proxy.exception("UniValue::type_error"), helpResult :HelpResult $Proxy.exception("HelpResult"), response :Text, result :Bool);
    # At most one of error, rpcError (a JSON-RPC error object as JSON), typeError and helpResult is set: what the
    # actor threw.
}

struct HelpResult {
    message @0 :Text;
}

struct JSONRPCRequest $Proxy.wrap("JSONRPCRequest") {
    id @0 :Text;
    method @1 :Text $Proxy.name("strMethod");
    params @2 :Text;
    mode @3 :Int32;
    uri @4 :Text $Proxy.name("URI");
    authUser @5 :Text;
    peerAddr @6 :Text;
    version @7 :Int32 $Proxy.name("m_json_version");
}

struct FoundBlockParam {
    wantHash @0 :Bool;
    wantHeight @1 :Bool;
    wantTime @2 :Bool;
    wantMaxTime @3 :Bool;
    wantMtpTime @4 :Bool;
    wantInActiveChain @5 :Bool;
    wantLocator @6 :Bool;
    nextBlock @7 :FoundBlockParam;
    wantData @8 :Bool;
}

struct FoundBlockResult {
    hash @0 :Data;
    height @1 :Int32;
    time @2 :Int64;
    maxTime @3 :Int64;
    mtpTime @4 :Int64;
    inActiveChain @5 :Bool;
    locator @6 :Data;
    nextBlock @7 :FoundBlockResult;
    data @8 :Data;
    found @9 :Bool;
}

struct BlockInfo $Proxy.wrap("interfaces::BlockInfo") {
    hash @0 :Data $Proxy.skip;
    prevHash @1 :Data $Proxy.skip;
    height @2 :Int32 = -1;
    fileNumber @3 :Int32 = -1 $Proxy.name("file_number");
    dataPos @4 :UInt32 = 0 $Proxy.name("data_pos");
    data @5 :Data $Proxy.skip;
    undoData @6 :Data $Proxy.skip;
    chainTimeMax @7 :UInt32 = 0 $Proxy.name("chain_time_max");
}

struct ChainstateRole $Proxy.wrap("kernel::ChainstateRole") {
    validated @0 :Bool;
    historical @1 :Bool;
}

interface SettingsUpdateCallback $Proxy.wrap("ProxyCallback<interfaces::SettingsUpdate>") {
    destroy @0 (context :Proxy.Context) -> ();
    call @1 (context :Proxy.Context, value :Text) -> (value :Text, result :Int32, hasResult :Bool);
}

struct FeeRateEstimation $Proxy.wrap("FeeRateEstimation") {
    # Core master's FeeRateEstimation (not in the branch): the estimator, the fee rate as a fee over a virtual size,
    # and the confirmation target the estimate is for.
    estimator @0 :Int32 $Proxy.name("feerate_estimator");
    fee @1 :Int64;
    virtualSize @2 :Int32;
    returnedTarget @3 :Int32 $Proxy.name("returned_target");
}
