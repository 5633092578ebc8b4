using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>
/// Builds valid regtest blocks for tests: a coinbase with the BIP34 height and a witness commitment, payments and
/// spends of P2WPKH and P2TR (key path) outputs signed with NBitcoin, and proof of work found by trying nonces
/// against regtest's easy target. Keeps track of the outputs its keys can spend. Not thread-safe.
/// </summary>
/// <remarks>Shared with the crash harness (linked source). The node's miner does the same in production code.</remarks>
public sealed class TestChainBuilder
{
    // Core's VERSIONBITS_TOP_BITS: the version its miner uses once all buried deployments are active.
    private const int BlockVersion = 0x20000000;
    private readonly List<SpendableOutput> _spendable = [];
    private readonly Random _random;
    private readonly Func<Key> _newKey;

    /// <summary>
    /// Creates a builder paying to keys from <paramref name="keySource"/> (fresh random keys by default), with a
    /// deterministic <paramref name="seed"/> for output types.
    /// </summary>
    public TestChainBuilder(ChainParams chainParams, int seed = 1, Func<Key>? keySource = null)
    {
        ArgumentNullException.ThrowIfNull(chainParams);
        ChainParams = chainParams;
        _random = new Random(seed);
        _newKey = keySource ?? (() => new Key());
    }

    /// <summary>The chain the blocks are for.</summary>
    public ChainParams ChainParams { get; }

    /// <summary>Outputs this builder holds keys for and has not spent yet.</summary>
    public IReadOnlyList<SpendableOutput> Spendable => _spendable;

    /// <summary>
    /// Builds a block on top of <paramref name="prevHash"/> at <paramref name="height"/> with the given
    /// transactions after the coinbase. <paramref name="time"/> must be above the parent's median time past.
    /// The coinbase pays subsidy plus fees to a new P2WPKH (or, on odd heights, P2TR) key of this builder.
    /// </summary>
    public Block BuildBlock(uint256 prevHash, int height, uint time, IReadOnlyList<Transaction>? transactions = null,
        Money? fees = null, Action<Block>? tamper = null)
    {
        transactions ??= [];
        var block = ChainParams.Network.Consensus.ConsensusFactory.CreateBlock();
        block.Header.Version = BlockVersion;
        block.Header.HashPrevBlock = prevHash;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(time);
        block.Header.Bits = new Target(ChainParams.Consensus.PowLimit.ToCompact());

        var key = _newKey();
        var payTo = height % 2 == 1 ? key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86) : key.PubKey.WitHash.ScriptPubKey;
        var coinbase = ChainParams.Network.CreateTransaction();
        // Core's miner: the height (as CScriptNum) then OP_0, which also keeps the scriptSig at least two bytes.
        coinbase.Inputs.Add(new TxIn(new OutPoint(), new Script(Op.GetPushOp(height), OpcodeType.OP_0)) { Sequence = Sequence.Final });
        coinbase.Outputs.Add(new TxOut(Subsidy.GetBlockSubsidy(height, ChainParams.Consensus) + (fees ?? Money.Zero), payTo));
        block.AddTransaction(coinbase);
        foreach (var tx in transactions) block.AddTransaction(tx);

        AddWitnessCommitment(block);
        tamper?.Invoke(block);
        block.UpdateMerkleRoot();
        Mine(block);
        _spendable.Add(new SpendableOutput(new OutPoint(coinbase, 0), coinbase.Outputs[0], key, height, IsCoinbase: true));
        return block;
    }

    /// <summary>Builds a block extending <paramref name="prev"/> at a time just past its median time past.</summary>
    public Block BuildBlock(BlockIndex prev, IReadOnlyList<Transaction>? transactions = null, Money? fees = null, uint? time = null, Action<Block>? tamper = null)
    {
        ArgumentNullException.ThrowIfNull(prev);
        uint blockTime = time ?? (uint)Math.Max(prev.Time + 1, prev.GetMedianTimePast() + 1);
        return BuildBlock(prev.Hash, prev.Height + 1, blockTime, transactions, fees, tamper);
    }

    /// <summary>
    /// Creates a transaction spending <paramref name="inputs"/> into <paramref name="outputCount"/> new outputs of
    /// this builder (alternating P2WPKH and P2TR), paying <paramref name="fee"/>, fully signed.
    /// </summary>
    public Transaction Spend(IReadOnlyList<SpendableOutput> inputs, int outputCount = 2, Money? fee = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        fee ??= Money.Satoshis(1000);
        var tx = ChainParams.Network.CreateTransaction();
        tx.Version = 2;
        foreach (var input in inputs) tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = Sequence.Final });
        var total = inputs.Sum(i => i.Output.Value.Satoshi) - fee.Satoshi;
        var keys = new List<Key>();
        for (int i = 0; i < outputCount; i++)
        {
            var key = _newKey();
            keys.Add(key);
            long amount = i == outputCount - 1 ? total - tx.Outputs.Sum(o => o.Value.Satoshi) : total / outputCount;
            var script = (i + _random.Next(2)) % 2 == 0 ? key.PubKey.WitHash.ScriptPubKey : key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);
            tx.Outputs.Add(new TxOut(Money.Satoshis(amount), script));
        }
        Sign(tx, inputs);
        foreach (var input in inputs) _spendable.Remove(input);
        for (int i = 0; i < tx.Outputs.Count; i++)
            _spendable.Add(new SpendableOutput(new OutPoint(tx, i), tx.Outputs[i], keys[i], Height: null, IsCoinbase: false));
        return tx;
    }

    /// <summary>Coinbase outputs at least 100 blocks deep below <paramref name="tipHeight"/> and other unspent outputs confirmed or not.</summary>
    public IReadOnlyList<SpendableOutput> Mature(int tipHeight) =>
        _spendable.Where(o => !o.IsCoinbase || o.Height is int h && tipHeight + 1 - h >= ConsensusConstants.CoinbaseMaturity).ToList();

    /// <summary>Adds an output the builder can spend (e.g. found in the UTXO set after a restart).</summary>
    public void AddSpendable(SpendableOutput output) => _spendable.Add(output);

    /// <summary>Forgets an output (e.g. its block was disconnected for good).</summary>
    public void Forget(SpendableOutput output) => _spendable.Remove(output);

    /// <summary>Signs every input of <paramref name="tx"/>; <paramref name="inputs"/> are the spent outputs in input order.</summary>
    public static void Sign(Transaction tx, IReadOnlyList<SpendableOutput> inputs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(inputs);
        var spentOutputs = inputs.Select(i => i.Output).ToArray();
        var precomputed = tx.PrecomputeTransactionData(spentOutputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.Output.ScriptPubKey.IsScriptType(ScriptType.Taproot))
            {
                var hash = tx.GetSignatureHashTaproot(precomputed, new TaprootExecutionData(i) { SigHash = TaprootSigHash.Default });
                var signature = input.Key.SignTaprootKeySpend(hash, TaprootSigHash.Default);
                tx.Inputs[i].WitScript = new WitScript([signature.ToBytes()], true);
            }
            else
            {
                var scriptCode = input.Key.PubKey.Hash.ScriptPubKey;
                var hash = tx.GetSignatureHash(scriptCode, i, SigHash.All, input.Output, HashVersion.WitnessV0, precomputed);
                var signature = input.Key.Sign(hash, new SigningOptions(SigHash.All));
                tx.Inputs[i].WitScript = new WitScript([signature.ToBytes(), input.Key.PubKey.ToBytes()], true);
            }
        }
    }

    /// <summary>Adds (or recomputes) the BIP141 commitment: coinbase witness of 32 zero bytes and the OP_RETURN output.</summary>
    public static void AddWitnessCommitment(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var coinbase = block.Transactions[0];
        var reserved = new byte[32];
        coinbase.Inputs[0].WitScript = new WitScript([reserved], true);
        for (int i = coinbase.Outputs.Count - 1; i >= 0; i--)
        {
            var bytes = coinbase.Outputs[i].ScriptPubKey.ToBytes(true);
            if (bytes.Length >= 38 && bytes[0] == 0x6a && bytes[1] == 0x24 && bytes[2] == 0xaa && bytes[3] == 0x21 && bytes[4] == 0xa9 && bytes[5] == 0xed)
                coinbase.Outputs.RemoveAt(i);
        }
        var root = Merkle.BlockWitnessMerkleRoot(block);
        var commitment = Bitcoin.Kernel.Serialization.Hashes.DoubleSha256([.. root.ToBytes(), .. reserved]);
        byte[] script = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed, .. commitment.ToBytes()];
        coinbase.Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe(script)));
    }

    /// <summary>Finds a nonce meeting the block's target (instant on regtest).</summary>
    public void Mine(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        block.Header.Nonce = 0;
        while (!Pow.CheckProofOfWork(block.GetHash(), block.Header.Bits.ToCompact(), ChainParams.Consensus))
            block.Header.Nonce++;
    }
}
