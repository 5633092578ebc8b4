using System.Buffers.Binary;
using System.Security.Cryptography;
using Bitcoin.Kernel.Validation;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Node.Blockchain;

/// <summary>
/// Computes UTXO set statistics and hashes by walking the coins database (Core's kernel::ComputeUTXOStats). The
/// serialization hashed per coin is Core's: outpoint (txid, index), height * 2 + coinbase flag as 32 bits, then the
/// output (amount and script), so "hash_serialized_3" and "muhash" equal Core's for the same UTXO set.
/// </summary>
public static class CoinStatsCalculator
{
    /// <summary>
    /// Walks the coins database as last written (flush first to include the cache) and returns the statistics at its
    /// best block. <paramref name="interruptionPoint"/> is called regularly and may throw to abort.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database's best block is not in the block index.</exception>
    public static CoinStats Compute(CoinStatsHashType hashType, ChainstateManager chainman, Action? interruptionPoint = null)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        IEnumerator<KeyValuePair<OutPoint, Coin>> cursor;
        bool more;
        Kernel.Chain.BlockIndex block;
        long diskSize;
        lock (chainman.Lock)
        {
            // Opening the cursor under the lock pins a snapshot that matches the best block read with it.
            var db = chainman.ActiveChainstate.CoinsDb;
            cursor = db.EnumerateCoins().GetEnumerator();
            more = cursor.MoveNext();
            block = chainman.Blockman.LookupBlockIndex(db.GetBestBlock())
                    ?? throw new InvalidOperationException("The coins database's best block is not in the block index.");
            diskSize = db.EstimateSize();
        }

        using (cursor)
        {
            using var sha = hashType == CoinStatsHashType.HashSerialized ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            var muhash = hashType == CoinStatsHashType.MuHash ? new MuHash3072() : null;
            long transactions = 0, outputs = 0, bogoSize = 0, total = 0;
            var group = new List<KeyValuePair<OutPoint, Coin>>();
            var buffer = new List<byte>(128);

            void FlushGroup()
            {
                if (group.Count == 0) return;
                // Core collects a transaction's outputs in a map, so they are hashed in index order.
                group.Sort((a, b) => a.Key.N.CompareTo(b.Key.N));
                transactions++;
                foreach (var (outpoint, coin) in group)
                {
                    outputs++;
                    total = checked(total + coin.Output.Value.Satoshi);
                    bogoSize += GetBogoSize(coin.Output.ScriptPubKey);
                    if (sha is null && muhash is null) continue;
                    var bytes = SerializeCoin(outpoint, coin, buffer);
                    sha?.AppendData(bytes);
                    muhash?.Insert(bytes);
                }
                group.Clear();
            }

            while (more)
            {
                interruptionPoint?.Invoke();
                var entry = cursor.Current;
                if (group.Count > 0 && group[0].Key.Hash != entry.Key.Hash) FlushGroup();
                group.Add(entry);
                more = cursor.MoveNext();
            }
            FlushGroup();

            uint256? hash = null;
            if (sha is not null) hash = new uint256(SHA256.HashData(sha.GetHashAndReset()));
            else if (muhash is not null) hash = muhash.Finalize();
            return new CoinStats(block.Height, block.Hash, transactions, outputs, bogoSize, hash, diskSize, total);
        }
    }

    /// <summary>Core's GetBogoSize: txid, index, height/coinbase, amount, a 2-byte script length and the script.</summary>
    public static long GetBogoSize(Script scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        return 32 + 4 + 4 + 8 + 2 + scriptPubKey.Length;
    }

    /// <summary>The bytes hashed for one coin (Core's TxOutSer).</summary>
    public static byte[] SerializeCoin(OutPoint outpoint, Coin coin) => SerializeCoin(outpoint, coin, new List<byte>(128));

    private static byte[] SerializeCoin(OutPoint outpoint, Coin coin, List<byte> buffer)
    {
        buffer.Clear();
        Span<byte> scratch = stackalloc byte[8];
        buffer.AddRange(outpoint.Hash.ToBytes());
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, outpoint.N);
        buffer.AddRange(scratch[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, ((uint)coin.Height << 1) | (coin.IsCoinbase ? 1u : 0u));
        buffer.AddRange(scratch[..4]);
        buffer.AddRange(coin.Output.ToBytes());
        return buffer.ToArray();
    }
}
