using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

// Core's PSBTOutput::FillSignatureData / FromSignatureData. Core's SignatureData also carries the taproot tree builder
// and MuSig2 participants; ours does not, so those travel as explicit arguments here.
public sealed partial class PsbtOutput
{
    /// <summary>
    /// Puts what this output knows into <paramref name="sigdata"/>; returns the taproot tree builder made from
    /// <see cref="TapTree"/> (null without a tree or a valid internal key).
    /// </summary>
    public TaprootTreeBuilder? FillSignatureData(SignatureData sigdata)
    {
        ArgumentNullException.ThrowIfNull(sigdata);
        if (RedeemScript.Length != 0) sigdata.RedeemScript = RedeemScript;
        if (WitnessScript.Length != 0) sigdata.WitnessScript = WitnessScript;
        foreach (var (pubkey, origin) in HdKeypaths) sigdata.MiscPubKeys.TryAdd(pubkey.Hash, (pubkey, origin));
        TaprootTreeBuilder? builder = null;
        if (TapTree.Count != 0 && TapInternalKey.IsFullyValid)
        {
            builder = new TaprootTreeBuilder();
            foreach (var (depth, leafVersion, script) in TapTree) builder.Add(depth, script, leafVersion, track: true);
            builder.Finalize(TapInternalKey);
            sigdata.TaprootSpendData.InternalKey = TapInternalKey;
            sigdata.TaprootSpendData.Merge(builder.GetSpendData());
        }
        foreach (var (xonly, (hashes, origin)) in TapBip32Paths)
            sigdata.TaprootMiscPubKeys.TryAdd(xonly, (new HashSet<uint256>(hashes), origin));
        return builder;
    }

    /// <summary>
    /// Takes back scripts, key origins and the taproot internal key from <paramref name="sigdata"/>, the tree from
    /// <paramref name="builder"/> (if it has scripts) and the MuSig2 participants.
    /// </summary>
    public void FromSignatureData(SignatureData sigdata, TaprootTreeBuilder? builder,
        IReadOnlyDictionary<PubKey, IReadOnlyList<PubKey>>? musig2Participants = null)
    {
        ArgumentNullException.ThrowIfNull(sigdata);
        if (RedeemScript.Length == 0 && sigdata.RedeemScript.Length != 0) RedeemScript = sigdata.RedeemScript;
        if (WitnessScript.Length == 0 && sigdata.WitnessScript.Length != 0) WitnessScript = sigdata.WitnessScript;
        foreach (var (_, (pubkey, origin)) in sigdata.MiscPubKeys) HdKeypaths.AddIfAbsent(pubkey, origin);
        if (!sigdata.TaprootSpendData.InternalKey.IsNull) TapInternalKey = sigdata.TaprootSpendData.InternalKey;
        if (builder is not null && builder.HasScripts)
            TapTree = builder.GetTreeTuples().Select(t => ((byte)t.Depth, (byte)t.LeafVersion, t.Script)).ToList();
        foreach (var (xonly, (hashes, origin)) in sigdata.TaprootMiscPubKeys)
            TapBip32Paths.AddIfAbsent(xonly, (new SortedSet<uint256>(hashes, ByteComparers.Uint256), origin));
        if (musig2Participants is not null)
        {
            foreach (var (aggregate, participants) in musig2Participants) Musig2Participants.AddIfAbsent(aggregate, [.. participants]);
        }
    }
}
