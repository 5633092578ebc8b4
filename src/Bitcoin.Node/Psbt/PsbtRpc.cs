using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

/// <summary>
/// The PSBT commands of Core's rpc/rawtransaction.cpp ("rawtransactions" category): decodepsbt, combinepsbt,
/// finalizepsbt, createpsbt, converttopsbt, utxoupdatepsbt, descriptorprocesspsbt, joinpsbts, analyzepsbt. The PSBT
/// work itself is in <see cref="Bitcoin.Common.Psbt"/>, shared with the wallet.
/// </summary>
public static partial class PsbtRpc
{
    private const string RawTransactions = "rawtransactions";

    // Core's DEFAULT_RAWTX_VERSION.
    private const uint DefaultRawTxVersion = 2;

    /// <summary>Registers the PSBT commands in <paramref name="table"/>; they read the chainstate from <paramref name="context"/> at each call.</summary>
    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(context);
        table.Register(RawTransactions, DecodePsbt(context));
        table.Register(RawTransactions, CombinePsbt());
        table.Register(RawTransactions, FinalizePsbt());
        table.Register(RawTransactions, CreatePsbt(context));
        table.Register(RawTransactions, ConvertToPsbt());
        table.Register(RawTransactions, UtxoUpdatePsbt(context));
        table.Register(RawTransactions, DescriptorProcessPsbt(context));
        table.Register(RawTransactions, JoinPsbts());
        table.Register(RawTransactions, AnalyzePsbt(context));
    }

    /// <summary>Decodes a base64 PSBT argument or throws Core's -22 "TX decode failed ...".</summary>
    internal static PartiallySignedTransaction DecodeArgument(JsonNode? value)
    {
        if (!PsbtEncoding.TryDecodeBase64(value.GetStr(), out var psbt, out var error))
            throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed " + error);
        return psbt;
    }

    private static Network NetworkOf(NodeRpcContext context) =>
        context.Node.ChainParams?.Network ?? context.EnsureChainman().ChainParams.Network;

    // Core's check of the psbt_version argument.
    private static uint ParsePsbtVersion(JsonNode? value)
    {
        if (value.IsNull()) return 2;
        uint version = value.GetInt<uint>();
        if (version is not (0 or 2)) throw new RpcException(RpcErrorCode.InvalidParameter, "The PSBT version can only be 2 or 0");
        return version;
    }

    private static RpcArg PsbtVersionArg() => WithDefault("psbt_version", RpcArgType.Num, 2, "The PSBT version to make (0 or 2)");
}
