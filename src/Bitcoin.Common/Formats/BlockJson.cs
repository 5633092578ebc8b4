using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Bitcoin.Common.Formats.Internal;
using Bitcoin.Common.Json;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>
/// The parts of Core's getblock / getblockheader objects that need only the block: difficulty and target from the
/// compact bits, sizes and weight, the coinbase summary and the "tx" list. Chain facts (confirmations, height,
/// mediantime, chainwork, nTx, neighbours) come from the node.
/// </summary>
public static class BlockJson
{
    /// <summary>Core's GetDifficulty: 0xffff / mantissa scaled by 256 per exponent step away from 29.</summary>
    public static double Difficulty(uint bits)
    {
        int shift = (int)((bits >> 24) & 0xff);
        double diff = (double)0x0000ffff / (bits & 0x00ffffff);
        while (shift < 29)
        {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29)
        {
            diff /= 256.0;
            shift--;
        }
        return diff;
    }

    /// <summary>
    /// The full target of compact <paramref name="bits"/> as 64 hex digits, or null when the compact value is
    /// negative, zero, overflows, or exceeds <paramref name="powLimit"/> (Core's DeriveTarget).
    /// </summary>
    public static string? Target(uint bits, uint256 powLimit)
    {
        int size = (int)(bits >> 24);
        uint word = bits & 0x007fffff;
        BigInteger target;
        if (size <= 3)
        {
            word >>= 8 * (3 - size);
            target = word;
        }
        else
        {
            target = new BigInteger(word) << (8 * (size - 3));
        }
        bool negative = word != 0 && (bits & 0x00800000) != 0;
        bool overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        var limit = new BigInteger(powLimit.ToBytes(), isUnsigned: true, isBigEndian: false);
        if (negative || target.IsZero || overflow || target > limit) return null;
        return target.ToString("x64", CultureInfo.InvariantCulture)[^64..];
    }

    /// <summary>
    /// Core's blockheaderToJSON, keys in Core's order: hash, confirmations, height, version, versionHex, merkleroot, time,
    /// mediantime, nonce, bits, target, difficulty, chainwork, nTx, previousblockhash (not for genesis), nextblockhash
    /// (when known). <see cref="AddBlockFields"/> extends it into getblock's object. Throws
    /// <see cref="ArgumentException"/> when the header's bits have no valid target under <paramref name="powLimit"/>.
    /// </summary>
    public static JsonObject HeaderToJson(BlockHeader header, BlockChainPosition position, uint256 powLimit)
    {
        string target = Target(header.Bits.ToCompact(), powLimit)
            ?? throw new ArgumentException($"Bits {Bits(header.Bits.ToCompact())} have no valid target", nameof(header));
        var result = new JsonObject
        {
            ["hash"] = header.GetHash().ToString(),
            ["confirmations"] = position.Confirmations,
            ["height"] = position.Height,
            ["version"] = header.Version,
            ["versionHex"] = VersionHex(header.Version),
            ["merkleroot"] = header.HashMerkleRoot.ToString(),
            ["time"] = (uint)header.BlockTime.ToUnixTimeSeconds(),
            ["mediantime"] = position.MedianTime,
            ["nonce"] = header.Nonce,
            ["bits"] = Bits(header.Bits.ToCompact()),
            ["target"] = target,
            ["difficulty"] = JsonNumbers.Double(Difficulty(header.Bits.ToCompact())),
            ["chainwork"] = position.ChainWork.ToString(),
            ["nTx"] = position.TransactionCount,
        };
        if (position.Previous is not null) result["previousblockhash"] = position.Previous.ToString();
        if (position.Next is not null) result["nextblockhash"] = position.Next.ToString();
        return result;
    }

    /// <summary>Core's "versionHex": the version as eight hex digits.</summary>
    public static string VersionHex(int version) => version.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The "bits" field: eight hex digits.</summary>
    public static string Bits(uint bits) => bits.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Core's coinbaseTxToJSON: version, locktime, sequence, coinbase, and witness if present.</summary>
    public static JsonObject CoinbaseTxToJson(Transaction coinbase)
    {
        if (coinbase.Inputs.Count == 0) throw new ArgumentException("A coinbase has one input.", nameof(coinbase));
        var input = coinbase.Inputs[0];
        var result = new JsonObject
        {
            ["version"] = coinbase.Version,
            ["locktime"] = coinbase.LockTime.Value,
            ["sequence"] = input.Sequence.Value,
            ["coinbase"] = ScriptJson.Hex(input.ScriptSig),
        };
        var stack = input.WitScript.Pushes.ToArray();
        if (stack.Length > 0) result["witness"] = Convert.ToHexString(stack[0]).ToLowerInvariant();
        return result;
    }

    /// <summary>
    /// Adds the block-only fields of Core's blockToJSON to <paramref name="header"/> (the node's getblockheader object):
    /// strippedsize, size, weight, coinbase_tx and tx. With <see cref="TxVerbosity.ShowTxid"/> "tx" lists txids,
    /// otherwise decoded transactions with hex; <paramref name="undo"/> (spent coins of every non-coinbase transaction,
    /// in block order) adds fees and, for <see cref="TxVerbosity.ShowDetailsAndPrevout"/>, prevouts.
    /// </summary>
    public static JsonObject AddBlockFields(JsonObject header, Block block, Network network, TxVerbosity verbosity,
        IReadOnlyList<IReadOnlyList<SpentCoin>>? undo = null)
    {
        if (block.Transactions.Count == 0) throw new ArgumentException("A block has at least a coinbase.", nameof(block));
        int total = 80 + TransactionBytes.CompactSizeLength((ulong)block.Transactions.Count) + block.Transactions.Sum(t => TransactionJson.Sizes(t).Total);
        int stripped = StrippedSize(block);
        header["strippedsize"] = stripped;
        header["size"] = total;
        header["weight"] = stripped * 3 + total;
        header["coinbase_tx"] = CoinbaseTxToJson(block.Transactions[0]);
        var txs = new JsonArray();
        for (int i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (verbosity == TxVerbosity.ShowTxid)
            {
                txs.Add(TransactionBytes.Hash(TransactionBytes.Serialize(tx, includeWitness: false)).ToString());
                continue;
            }
            // The coinbase has no undo data.
            var spent = undo is not null && i > 0 ? undo[i - 1] : null;
            txs.Add(TransactionJson.TxToUniv(tx, network, blockHash: null, includeHex: true, spent, verbosity));
        }
        header["tx"] = txs;
        return header;
    }

    /// <summary>The block's size without witness data.</summary>
    public static int StrippedSize(Block block)
    {
        int size = 80 + TransactionBytes.CompactSizeLength((ulong)block.Transactions.Count);
        foreach (var tx in block.Transactions) size += TransactionJson.Sizes(tx).Stripped;
        return size;
    }
}
