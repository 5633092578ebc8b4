using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet.Rpc;

/// <summary>What every wallet command does first and often (Core's wallet/rpc/util.cpp).</summary>
public static class WalletRpcUtil
{
    /// <summary>The wallet context behind a request (Core's EnsureWalletContext); -32603 "Wallet context not found" if there is none.</summary>
    public static WalletContext EnsureWalletContext(RpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Context as WalletContext ?? throw new RpcException(RpcErrorCode.InternalError, "Wallet context not found");
    }

    /// <summary>
    /// The wallet a request is for (Core's GetWalletForJSONRPCRequest): the one named by /wallet/&lt;name&gt; (-18
    /// "Requested wallet does not exist or is not loaded"), else the only loaded one (-18 when none, -19 when several).
    /// </summary>
    public static DescriptorWallet GetWalletForRequest(RpcRequest request)
    {
        var context = EnsureWalletContext(request);
        if (request.WalletName is { } name)
            return context.GetWallet(name) ?? throw new RpcException(RpcErrorCode.WalletNotFound, "Requested wallet does not exist or is not loaded");
        var wallet = context.GetDefaultWallet(out int count);
        if (wallet is not null) return wallet;
        if (count == 0)
        {
            throw new RpcException(RpcErrorCode.WalletNotFound,
                "No wallet is loaded. Load a wallet using loadwallet or create a new one with createwallet. (Note: A default wallet is no longer automatically created)");
        }

        throw new RpcException(RpcErrorCode.WalletNotSpecified,
            "Multiple wallets are loaded. Please select which wallet to use by requesting the RPC through the /wallet/<walletname> URI path.");
    }

    /// <summary>-13 "Error: Please enter the wallet passphrase with walletpassphrase first." when the wallet is locked.</summary>
    public static void EnsureWalletIsUnlocked(DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        if (wallet.IsLocked())
            throw new RpcException(RpcErrorCode.WalletUnlockNeeded, "Error: Please enter the wallet passphrase with walletpassphrase first.");
    }

    /// <summary>
    /// The wallet name of a request, checked against a name parameter (Core's EnsureUniqueWalletName): -8 when both
    /// are given and differ, or when neither is.
    /// </summary>
    public static string EnsureUniqueWalletName(RpcRequest request, string? walletName)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.WalletName is { } endpoint)
        {
            if (walletName is not null && walletName != endpoint)
                throw new RpcException(RpcErrorCode.InvalidParameter, "The RPC endpoint wallet and the wallet name parameter specify different wallets");
            return endpoint;
        }

        return walletName ?? throw new RpcException(RpcErrorCode.InvalidParameter, "Either the RPC endpoint wallet or the wallet name parameter must be provided");
    }

    /// <summary>A label parameter (Core's LabelFromValue): "" for null; -11 "Invalid label name" for "*".</summary>
    public static string LabelFromValue(JsonNode? value)
    {
        if (value.IsNull()) return "";
        var label = value.GetStr();
        if (label == "*") throw new RpcException(RpcErrorCode.WalletInvalidLabelName, "Invalid label name");
        return label;
    }

    /// <summary>Whether to avoid reused outputs (Core's GetAvoidReuseFlag); -4 if asked on a wallet without the flag.</summary>
    public static bool GetAvoidReuseFlag(DescriptorWallet wallet, JsonNode? parameter)
    {
        bool canAvoidReuse = wallet.IsWalletFlagSet(WalletFlags.AvoidReuse);
        bool avoidReuse = parameter.IsNull() ? canAvoidReuse : parameter.GetBool();
        if (avoidReuse && !canAvoidReuse)
            throw new RpcException(RpcErrorCode.WalletError, "wallet does not have the \"avoid reuse\" feature enabled");
        return avoidReuse;
    }

    /// <summary>Throws the RPC error for a failed create/load/restore (Core's HandleWalletError).</summary>
    public static RpcException WalletError(DatabaseStatus status, string error)
    {
        var code = status switch
        {
            DatabaseStatus.FailedNotFound or DatabaseStatus.FailedBadFormat or DatabaseStatus.FailedLegacyDisabled => RpcErrorCode.WalletNotFound,
            DatabaseStatus.FailedAlreadyLoaded => RpcErrorCode.WalletAlreadyLoaded,
            DatabaseStatus.FailedAlreadyExists => RpcErrorCode.WalletAlreadyExists,
            DatabaseStatus.FailedNewUnnamed or DatabaseStatus.FailedInvalidBackupFile => RpcErrorCode.InvalidParameter,
            DatabaseStatus.FailedEncrypt => RpcErrorCode.WalletEncryptionFailed,
            _ => RpcErrorCode.WalletError,
        };
        return new RpcException(code, error);
    }

    /// <summary>Adds "lastprocessedblock" (Core's AppendLastProcessedBlock).</summary>
    public static void AppendLastProcessedBlock(JsonObject entry, DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(wallet);
        lock (wallet.SyncRoot)
        {
            entry["lastprocessedblock"] = new JsonObject
            {
                ["hash"] = wallet.LastBlockHash.ToString(),
                ["height"] = wallet.LastBlockHeight,
            };
        }
    }

    /// <summary>Adds "parent_descs": the normalized descriptors deriving the script (Core's PushParentDescriptors).</summary>
    public static void PushParentDescriptors(DescriptorWallet wallet, Script script, JsonObject entry)
    {
        var parents = new JsonArray();
        foreach (var descriptor in wallet.GetWalletDescriptors(script))
        {
            if (descriptor.Descriptor.TryGetNormalizedString(new FlatSigningProvider(), out var text, descriptor.Cache))
                parents.Add(text);
        }

        entry["parent_descs"] = parents;
    }
}
