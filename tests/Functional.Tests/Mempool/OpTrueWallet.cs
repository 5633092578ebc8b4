using System.Buffers.Binary;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>
/// A keyless wallet in the spirit of Core's MiniWallet: coins pay to P2WSH(OP_TRUE), which anyone spends with the
/// witness [OP_TRUE], so tests build standard, valid transactions by hand and submit them through RPC.
/// </summary>
internal static class OpTrueWallet
{
    /// <summary>P2WSH of OP_TRUE on regtest (Core's ADDRESS_BCRT1_P2WSH_OP_TRUE).</summary>
    public const string Address = "bcrt1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqseac85";

    /// <summary>The block subsidy of the first 150 regtest blocks, in satoshis.</summary>
    public const long Subsidy = 50_0000_0000;

    private const string ScriptPubKeyHex = "00204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc33260";

    /// <summary>Mines <paramref name="count"/> blocks paying the coinbase to <see cref="Address"/>.</summary>
    public static async Task<IReadOnlyList<string>> MineAsync(NodeProcess node, int count) =>
        (await node.RpcAsync("generatetoaddress", count, Address))!.AsArray().Select(h => h!.GetValue<string>()).ToList();

    /// <summary>The coinbase txid of the block at <paramref name="height"/>.</summary>
    public static async Task<string> CoinbaseTxidAsync(NodeProcess node, int height)
    {
        var hash = (await node.RpcAsync("getblockhash", height))!.GetValue<string>();
        return (await node.RpcAsync("getblock", hash, 1))!["tx"]![0]!.GetValue<string>();
    }

    /// <summary>
    /// A version-2 transaction spending <paramref name="inputs"/> (all P2WSH OP_TRUE) to one P2WSH OP_TRUE output per
    /// amount in <paramref name="outputs"/>, with an OP_RETURN of <paramref name="padding"/> bytes when above zero
    /// (to make the transaction large). Inputs signal replaceability.
    /// </summary>
    public static SpendTx Spend(IReadOnlyList<Coin> inputs, IReadOnlyList<long> outputs, int padding = 0)
    {
        var body = new List<byte>();
        body.AddRange(Le32(2));
        var witness = new List<byte>();
        body.AddRange([0x00, 0x01]);
        body.AddRange(CompactSize(inputs.Count));
        foreach (var input in inputs)
        {
            body.AddRange(Convert.FromHexString(input.Txid).Reverse());
            body.AddRange(Le32(input.Vout));
            body.Add(0);
            body.AddRange(Le32(unchecked((int)0xfffffffd)));
            witness.AddRange([0x01, 0x01, 0x51]);
        }

        body.AddRange(CompactSize(outputs.Count + (padding > 0 ? 1 : 0)));
        foreach (var amount in outputs)
        {
            body.AddRange(Le64(amount));
            body.AddRange(CompactSize(ScriptPubKeyHex.Length / 2));
            body.AddRange(Convert.FromHexString(ScriptPubKeyHex));
        }

        if (padding > 0)
        {
            // OP_RETURN OP_PUSHDATA4 <padding bytes>: one data carrier output.
            var script = new List<byte> { 0x6a, 0x4e };
            script.AddRange(Le32(padding));
            script.AddRange(new byte[padding]);
            body.AddRange(Le64(0));
            body.AddRange(CompactSize(script.Count));
            body.AddRange(script);
        }

        body.AddRange(witness);
        body.AddRange(Le32(0));
        return new SpendTx(Convert.ToHexStringLower([.. body]), outputs.Count);
    }

    /// <summary>Submits <paramref name="hex"/> with sendrawtransaction (no fee rate cap) and returns its txid.</summary>
    public static async Task<string> SendAsync(NodeProcess node, string hex) =>
        (await node.RpcAsync("sendrawtransaction", hex, 0))!.GetValue<string>();

    /// <summary>Sends a spend of <paramref name="inputs"/> and returns the coins it created.</summary>
    public static async Task<IReadOnlyList<Coin>> SendSpendAsync(NodeProcess node, IReadOnlyList<Coin> inputs, IReadOnlyList<long> outputs, int padding = 0)
    {
        var tx = Spend(inputs, outputs, padding);
        var txid = await SendAsync(node, tx.Hex);
        return outputs.Select((amount, i) => new Coin(txid, i, amount)).ToList();
    }

    /// <summary>The current mempool's txids.</summary>
    public static async Task<HashSet<string>> MempoolAsync(NodeProcess node) =>
        (await node.RpcAsync("getrawmempool"))!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();

    private static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Le64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] CompactSize(int value) => value switch
    {
        < 0xfd => [(byte)value],
        <= 0xffff => [0xfd, (byte)value, (byte)(value >> 8)],
        _ => [0xfe, .. Le32(value)],
    };
}

/// <summary>An unspent P2WSH OP_TRUE output.</summary>
internal sealed record Coin(string Txid, int Vout, long Amount);

/// <summary>A transaction built by <see cref="OpTrueWallet.Spend"/>.</summary>
internal sealed record SpendTx(string Hex, int OutputCount);
