using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Context;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// Submits a local transaction to the mempool and announces it (Core's node::BroadcastTransaction), for
/// sendrawtransaction, submitpackage and wallets.
/// </summary>
public static class TransactionBroadcast
{
    /// <summary>
    /// Broadcasts <paramref name="tx"/>: a transaction whose outputs exist in the UTXO set is already confirmed; one
    /// already in the mempool (same txid) is only re-announced; otherwise it is first test-accepted to check
    /// <paramref name="maxTxFee"/> (when positive), then accepted, added to the unbroadcast set and announced.
    /// With <paramref name="waitCallback"/>, returns only after subscribers (wallets) have seen it enter.
    /// </summary>
    public static TransactionError Broadcast(NodeContext node, Transaction tx, long maxTxFee, bool relay, bool waitCallback, out string error)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(tx);
        error = "";
        var chainman = node.EnsureChainman();
        var mempool = node.Mempool ?? throw new InvalidOperationException("The node has no mempool.");
        var txid = tx.GetHash();
        var wtxid = tx.GetWitHash();
        bool callbackSet = false;
        lock (chainman.Lock)
        {
            var coins = chainman.ActiveChainstate.CoinsTip;
            for (int o = 0; o < tx.Outputs.Count; o++)
            {
                // An unspent output of this transaction means it is already in the chain.
                if (!coins.AccessCoin(new OutPoint(txid, o)).IsSpent) return TransactionError.AlreadyInUtxoSet;
            }

            if (mempool.Get(txid) is { } inMempool)
            {
                // Same txid in the mempool (maybe another witness): re-announce what is there.
                wtxid = inMempool.GetWitHash();
            }
            else
            {
                if (maxTxFee > 0)
                {
                    var test = mempool.AcceptToMemoryPool(tx, testAccept: true);
                    if (test.ResultType != MempoolAcceptResultType.Valid) return HandleAtmpError(test.State, out error);
                    if (test.BaseFees > maxTxFee) return TransactionError.MaxFeeExceeded;
                }
                var result = mempool.AcceptToMemoryPool(tx);
                if (result.ResultType != MempoolAcceptResultType.Valid) return HandleAtmpError(result.State, out error);
                if (relay) mempool.AddUnbroadcastTx(txid);
                callbackSet = waitCallback && node.ValidationSignals is not null;
            }
        }
        // Subscribers (wallets) learn of the transaction before the caller continues, so a following wallet call sees it.
        if (callbackSet) node.ValidationSignals!.SyncWithValidationInterfaceQueue();
        if (relay) node.TxBroadcaster?.InitiateTxBroadcastToAll(txid, wtxid);
        return TransactionError.Ok;
    }

    /// <summary>Core's TransactionErrorString.</summary>
    public static string Message(TransactionError error) => error switch
    {
        TransactionError.Ok => "No error",
        TransactionError.MissingInputs => "Inputs missing or spent",
        TransactionError.AlreadyInUtxoSet => "Transaction outputs already in utxo set",
        TransactionError.MempoolRejected => "Transaction rejected by mempool",
        TransactionError.MempoolError => "Mempool internal error",
        TransactionError.MaxFeeExceeded => "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)",
        TransactionError.MaxBurnExceeded => "Unspendable output exceeds maximum configured by user (maxburnamount)",
        TransactionError.InvalidPackage => "Transaction rejected due to invalid package",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>The RPC error for a broadcast failure (Core's JSONRPCTransactionError): -26, -27 or -25, with the detail or the generic message.</summary>
    public static RpcException ToRpcException(TransactionError error, string detail = "")
    {
        var code = error switch
        {
            TransactionError.MempoolRejected => RpcErrorCode.TransactionRejected,
            TransactionError.AlreadyInUtxoSet => RpcErrorCode.VerifyAlreadyInUtxoSet,
            _ => RpcErrorCode.TransactionError,
        };
        return new RpcException(code, detail.Length > 0 ? detail : Message(error));
    }

    private static TransactionError HandleAtmpError(TxValidationState state, out string error)
    {
        error = state.ToString();
        if (state.IsInvalid) return state.Result == TxValidationResult.MissingInputs ? TransactionError.MissingInputs : TransactionError.MempoolRejected;
        return TransactionError.MempoolError;
    }
}
