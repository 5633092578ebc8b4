using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// One output's map of a PSBT (Core's PSBTOutput): scripts and key origins that describe the output, its taproot
/// tree and keys, MuSig2 participants, and for version 2 the amount and script.
/// </summary>
public sealed partial class PsbtOutput
{
    /// <summary>Creates an output of a version 0 or 2 PSBT.</summary>
    public PsbtOutput(uint psbtVersion, long amount, Script script)
    {
        if (psbtVersion is not (0 or 2)) throw new ArgumentOutOfRangeException(nameof(psbtVersion), "PSBT version must be 0 or 2");
        Version = psbtVersion;
        Amount = amount;
        Script = script;
    }

    /// <summary>The version of the PSBT this output belongs to (0 or 2).</summary>
    public uint Version { get; }

    /// <summary>The P2SH redeem script (empty if absent).</summary>
    public Script RedeemScript { get; set; } = Script.Empty;

    /// <summary>The P2WSH witness script (empty if absent).</summary>
    public Script WitnessScript { get; set; } = Script.Empty;

    /// <summary>Key origins by public key.</summary>
    public SortedDictionary<PubKey, KeyOriginInfo> HdKeypaths { get; private set; } = new(ByteComparers.PubKey);

    /// <summary>The taproot internal key (null if absent).</summary>
    public XOnlyPubKey TapInternalKey { get; set; }

    /// <summary>The taproot tree as (depth, leaf version, script) in depth-first order (empty if absent).</summary>
    public List<(byte Depth, byte LeafVersion, byte[] Script)> TapTree { get; set; } = [];

    /// <summary>Taproot key origins with the leaves each key appears in.</summary>
    public SortedDictionary<XOnlyPubKey, (SortedSet<uint256> LeafHashes, KeyOriginInfo Origin)> TapBip32Paths { get; private set; } = new();

    /// <summary>MuSig2 participant keys by aggregate key.</summary>
    public SortedDictionary<PubKey, List<PubKey>> Musig2Participants { get; private set; } = new(ByteComparers.PubKey);

    /// <summary>Records of unknown types, by key.</summary>
    public SortedDictionary<byte[], byte[]> Unknown { get; private set; } = new(ByteComparers.Lexicographic);

    /// <summary>Proprietary records.</summary>
    public SortedSet<PsbtProprietary> Proprietary { get; private set; } = [];

    /// <summary>The amount in satoshis.</summary>
    public long Amount { get; set; }

    /// <summary>The output script.</summary>
    public Script Script { get; set; }

    /// <summary>Core's PSBTOutput::Merge: adds what <paramref name="other"/> knows without replacing what is set.</summary>
    public bool Merge(PsbtOutput other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (k, v) in other.HdKeypaths) HdKeypaths.AddIfAbsent(k, v);
        Proprietary.UnionWith(other.Proprietary);
        foreach (var (k, v) in other.Unknown) Unknown.AddIfAbsent(k, v);
        foreach (var (k, v) in other.TapBip32Paths) TapBip32Paths.AddIfAbsent(k, (new SortedSet<uint256>(v.LeafHashes, ByteComparers.Uint256), v.Origin));
        if (RedeemScript.Length == 0 && other.RedeemScript.Length != 0) RedeemScript = other.RedeemScript;
        if (WitnessScript.Length == 0 && other.WitnessScript.Length != 0) WitnessScript = other.WitnessScript;
        if (TapInternalKey.IsNull && !other.TapInternalKey.IsNull) TapInternalKey = other.TapInternalKey;
        if (TapTree.Count == 0 && other.TapTree.Count != 0) TapTree = [.. other.TapTree];
        foreach (var (k, v) in other.Musig2Participants) Musig2Participants.AddIfAbsent(k, [.. v]);
        return true;
    }

    /// <summary>A deep copy.</summary>
    public PsbtOutput Clone()
    {
        var c = new PsbtOutput(Version, Amount, Script)
        {
            RedeemScript = RedeemScript,
            WitnessScript = WitnessScript,
            TapInternalKey = TapInternalKey,
            TapTree = [.. TapTree],
        };
        c.Merge(this);
        return c;
    }
}
