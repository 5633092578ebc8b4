using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// One input's map of a PSBT (Core's PSBTInput): what is known about the spent output, signatures, scripts, key
/// origins, taproot and MuSig2 data, and for version 2 the outpoint, sequence and required lock times. Maps keep Core's
/// ordering so they serialize byte for byte as Core does. Empty scripts, an empty witness, a zero Merkle root and a null
/// internal key mean "absent", as in Core.
/// </summary>
public sealed partial class PsbtInput
{
    /// <summary>Creates an input of a version 0 or 2 PSBT spending <paramref name="prevTxid"/>:<paramref name="prevOut"/>.</summary>
    public PsbtInput(uint psbtVersion, uint256 prevTxid, uint prevOut, uint? sequence = null)
    {
        if (psbtVersion is not (0 or 2)) throw new ArgumentOutOfRangeException(nameof(psbtVersion), "PSBT version must be 0 or 2");
        Version = psbtVersion;
        PrevTxid = prevTxid;
        PrevOut = prevOut;
        Sequence = sequence;
    }

    /// <summary>The version of the PSBT this input belongs to (0 or 2).</summary>
    public uint Version { get; }

    /// <summary>The whole transaction whose output is spent (PSBT_IN_NON_WITNESS_UTXO), or null.</summary>
    public Transaction? NonWitnessUtxo { get; set; }

    /// <summary>The spent output (PSBT_IN_WITNESS_UTXO), or null.</summary>
    public TxOut? WitnessUtxo { get; set; }

    /// <summary>The P2SH redeem script (empty if absent).</summary>
    public Script RedeemScript { get; set; } = Script.Empty;

    /// <summary>The P2WSH witness script (empty if absent).</summary>
    public Script WitnessScript { get; set; } = Script.Empty;

    /// <summary>The finalized scriptSig (empty if absent).</summary>
    public Script FinalScriptSig { get; set; } = Script.Empty;

    /// <summary>The finalized witness stack (empty if absent).</summary>
    public List<byte[]> FinalScriptWitness { get; set; } = [];

    /// <summary>Key origins by public key.</summary>
    public SortedDictionary<PubKey, KeyOriginInfo> HdKeypaths { get; private set; } = new(ByteComparers.PubKey);

    /// <summary>ECDSA signatures (with the sighash byte) by key id.</summary>
    public SortedDictionary<KeyId, (PubKey PubKey, byte[] Signature)> PartialSigs { get; private set; } = new(ByteComparers.KeyId);

    /// <summary>RIPEMD160 preimages by their hash bytes.</summary>
    public SortedDictionary<byte[], byte[]> Ripemd160Preimages { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>SHA256 preimages by their hash bytes.</summary>
    public SortedDictionary<byte[], byte[]> Sha256Preimages { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>HASH160 preimages by their hash bytes.</summary>
    public SortedDictionary<byte[], byte[]> Hash160Preimages { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>HASH256 preimages by their hash bytes.</summary>
    public SortedDictionary<byte[], byte[]> Hash256Preimages { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>The txid of the spent output (always known; from the unsigned transaction in version 0).</summary>
    public uint256 PrevTxid { get; set; }

    /// <summary>The index of the spent output.</summary>
    public uint PrevOut { get; set; }

    /// <summary>The sequence number, if set (null means final, 0xffffffff).</summary>
    public uint? Sequence { get; set; }

    /// <summary>Version 2: the time-based lock time this input requires, if any.</summary>
    public uint? TimeLocktime { get; set; }

    /// <summary>Version 2: the height-based lock time this input requires, if any.</summary>
    public uint? HeightLocktime { get; set; }

    /// <summary>The taproot key path signature (empty if absent).</summary>
    public byte[] TapKeySig { get; set; } = [];

    /// <summary>Tapscript signatures by (x-only key, leaf hash).</summary>
    public SortedDictionary<(XOnlyPubKey Key, uint256 LeafHash), byte[]> TapScriptSigs { get; private set; } = new(ByteComparers.XOnlyLeaf);

    /// <summary>Leaf scripts with the control blocks that prove them.</summary>
    public SortedDictionary<TaprootLeafKey, SortedSet<byte[]>> TapScripts { get; private set; } = new();

    /// <summary>Taproot key origins with the leaves each key appears in.</summary>
    public SortedDictionary<XOnlyPubKey, (SortedSet<uint256> LeafHashes, KeyOriginInfo Origin)> TapBip32Paths { get; private set; } = new();

    /// <summary>The taproot internal key (null if absent).</summary>
    public XOnlyPubKey TapInternalKey { get; set; }

    /// <summary>The taproot Merkle root (zero if absent).</summary>
    public uint256 TapMerkleRoot { get; set; } = uint256.Zero;

    /// <summary>MuSig2 participant keys by aggregate key.</summary>
    public SortedDictionary<PubKey, List<PubKey>> Musig2Participants { get; private set; } = new(ByteComparers.PubKey);

    /// <summary>MuSig2 public nonces by (aggregate key, leaf hash or zero) and participant.</summary>
    public SortedDictionary<(PubKey Aggregate, uint256 LeafHash), SortedDictionary<PubKey, byte[]>> Musig2PubNonces { get; private set; } = new(ByteComparers.AggregateLeaf);

    /// <summary>MuSig2 partial signatures (32 bytes) by (aggregate key, leaf hash or zero) and participant.</summary>
    public SortedDictionary<(PubKey Aggregate, uint256 LeafHash), SortedDictionary<PubKey, byte[]>> Musig2PartialSigs { get; private set; } = new(ByteComparers.AggregateLeaf);

    /// <summary>Records of unknown types, by key.</summary>
    public SortedDictionary<byte[], byte[]> Unknown { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>Proprietary records.</summary>
    public SortedSet<PsbtProprietary> Proprietary { get; private set; } = [];

    /// <summary>The sighash type to sign with, if the PSBT says.</summary>
    public int? SighashType { get; set; }

    /// <summary>The spent outpoint.</summary>
    public OutPoint OutPoint => new(PrevTxid, PrevOut);

    /// <summary>
    /// Core's GetUTXO: the spent output from the non-witness UTXO (which must match the outpoint) or else the witness
    /// UTXO; false if neither gives it.
    /// </summary>
    public bool TryGetUtxo(out TxOut utxo)
    {
        utxo = null!;
        if (NonWitnessUtxo is not null)
        {
            if (PrevOut >= NonWitnessUtxo.Outputs.Count) return false;
            if (NonWitnessUtxo.GetHash() != PrevTxid) return false;
            utxo = NonWitnessUtxo.Outputs[(int)PrevOut];
            return true;
        }
        if (WitnessUtxo is not null)
        {
            utxo = WitnessUtxo;
            return true;
        }
        return false;
    }

    /// <summary>True if the input carries any signature, partial or final (Core's HasSignatures).</summary>
    public bool HasSignatures =>
        FinalScriptSig.Length != 0 || FinalScriptWitness.Count != 0 || PartialSigs.Count != 0 || TapKeySig.Length != 0 ||
        TapScriptSigs.Count != 0 || Musig2PartialSigs.Count != 0;

    /// <summary>True if the input has a final scriptSig or witness (Core's PSBTInputSigned).</summary>
    public bool IsSigned => FinalScriptSig.Length != 0 || FinalScriptWitness.Count != 0;

    /// <summary>
    /// Core's PSBTInput::Merge: adds what <paramref name="other"/> knows; fields already set here are kept, map entries
    /// already present are not replaced.
    /// </summary>
    public bool Merge(PsbtInput other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (NonWitnessUtxo is null && other.NonWitnessUtxo is not null) NonWitnessUtxo = other.NonWitnessUtxo;
        if (WitnessUtxo is null && other.WitnessUtxo is not null) WitnessUtxo = other.WitnessUtxo;

        foreach (var (k, v) in other.PartialSigs) PartialSigs.AddIfAbsent(k, v);
        foreach (var (k, v) in other.Ripemd160Preimages) Ripemd160Preimages.AddIfAbsent(k, v);
        foreach (var (k, v) in other.Sha256Preimages) Sha256Preimages.AddIfAbsent(k, v);
        foreach (var (k, v) in other.Hash160Preimages) Hash160Preimages.AddIfAbsent(k, v);
        foreach (var (k, v) in other.Hash256Preimages) Hash256Preimages.AddIfAbsent(k, v);
        foreach (var (k, v) in other.HdKeypaths) HdKeypaths.AddIfAbsent(k, v);
        Proprietary.UnionWith(other.Proprietary);
        foreach (var (k, v) in other.Unknown) Unknown.AddIfAbsent(k, v);
        foreach (var (k, v) in other.TapScriptSigs) TapScriptSigs.AddIfAbsent(k, v);
        foreach (var (k, v) in other.TapScripts) TapScripts.AddIfAbsent(k, CopySet(v));
        foreach (var (k, v) in other.TapBip32Paths) TapBip32Paths.AddIfAbsent(k, (new SortedSet<uint256>(v.LeafHashes, ByteComparers.Uint256), v.Origin));

        if (RedeemScript.Length == 0 && other.RedeemScript.Length != 0) RedeemScript = other.RedeemScript;
        if (WitnessScript.Length == 0 && other.WitnessScript.Length != 0) WitnessScript = other.WitnessScript;
        if (FinalScriptSig.Length == 0 && other.FinalScriptSig.Length != 0) FinalScriptSig = other.FinalScriptSig;
        if (FinalScriptWitness.Count == 0 && other.FinalScriptWitness.Count != 0) FinalScriptWitness = [.. other.FinalScriptWitness];
        if (TapKeySig.Length == 0 && other.TapKeySig.Length != 0) TapKeySig = other.TapKeySig;
        if (TapInternalKey.IsNull && !other.TapInternalKey.IsNull) TapInternalKey = other.TapInternalKey;
        if (TapMerkleRoot == uint256.Zero && other.TapMerkleRoot != uint256.Zero) TapMerkleRoot = other.TapMerkleRoot;
        foreach (var (k, v) in other.Musig2Participants) Musig2Participants.AddIfAbsent(k, [.. v]);
        MergeNested(Musig2PubNonces, other.Musig2PubNonces);
        MergeNested(Musig2PartialSigs, other.Musig2PartialSigs);
        Sequence ??= other.Sequence;
        TimeLocktime ??= other.TimeLocktime;
        HeightLocktime ??= other.HeightLocktime;
        return true;
    }

    /// <summary>A deep copy (byte arrays and scripts are shared, as they are never changed in place).</summary>
    public PsbtInput Clone()
    {
        var c = new PsbtInput(Version, PrevTxid, PrevOut, Sequence)
        {
            NonWitnessUtxo = NonWitnessUtxo?.Clone(),
            WitnessUtxo = WitnessUtxo is null ? null : new TxOut(WitnessUtxo.Value, WitnessUtxo.ScriptPubKey),
            RedeemScript = RedeemScript,
            WitnessScript = WitnessScript,
            FinalScriptSig = FinalScriptSig,
            FinalScriptWitness = [.. FinalScriptWitness],
            TimeLocktime = TimeLocktime,
            HeightLocktime = HeightLocktime,
            TapKeySig = TapKeySig,
            TapInternalKey = TapInternalKey,
            TapMerkleRoot = TapMerkleRoot,
            SighashType = SighashType,
        };
        c.Merge(this);
        return c;
    }

    internal static SortedSet<byte[]> CopySet(SortedSet<byte[]> set)
    {
        var copy = TaprootSpendData.NewControlBlockSet();
        copy.UnionWith(set);
        return copy;
    }

    private static void MergeNested<TKey>(SortedDictionary<TKey, SortedDictionary<PubKey, byte[]>> into,
        SortedDictionary<TKey, SortedDictionary<PubKey, byte[]>> from) where TKey : notnull
    {
        foreach (var (k, inner) in from)
        {
            if (!into.TryGetValue(k, out var target)) into[k] = target = new SortedDictionary<PubKey, byte[]>(ByteComparers.PubKey);
            foreach (var (pk, v) in inner) target.AddIfAbsent(pk, v);
        }
    }
}
