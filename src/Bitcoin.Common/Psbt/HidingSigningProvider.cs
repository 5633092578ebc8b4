using System.Diagnostics.CodeAnalysis;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// A provider that hides private keys and/or key origins of another (Core's HidingSigningProvider): utxoupdatepsbt
/// fills PSBTs without signing, descriptorprocesspsbt without BIP32 paths when asked.
/// </summary>
public sealed class HidingSigningProvider(SigningProvider inner, bool hideSecret, bool hideOrigin) : SigningProvider
{
    /// <inheritdoc/>
    public override bool TryGetScript(ScriptId id, out Script script) => inner.TryGetScript(id, out script);

    /// <inheritdoc/>
    public override bool TryGetPubKey(KeyId id, [MaybeNullWhen(false)] out PubKey pubkey) => inner.TryGetPubKey(id, out pubkey);

    /// <inheritdoc/>
    public override bool TryGetKey(KeyId id, [MaybeNullWhen(false)] out Key key)
    {
        key = null;
        return !hideSecret && inner.TryGetKey(id, out key);
    }

    /// <inheritdoc/>
    public override bool HaveKey(KeyId id) => !hideSecret && inner.HaveKey(id);

    /// <inheritdoc/>
    public override bool TryGetKeyOrigin(KeyId id, [MaybeNullWhen(false)] out KeyOriginInfo origin)
    {
        origin = null;
        return !hideOrigin && inner.TryGetKeyOrigin(id, out origin);
    }

    /// <inheritdoc/>
    public override bool TryGetTaprootSpendData(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootSpendData spendData)
        => inner.TryGetTaprootSpendData(outputKey, out spendData);

    /// <inheritdoc/>
    public override bool TryGetTaprootBuilder(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootTreeBuilder builder)
        => inner.TryGetTaprootBuilder(outputKey, out builder);

    /// <inheritdoc/>
    public override IReadOnlyList<PubKey> GetMuSig2ParticipantPubKeys(PubKey aggregate) => inner.GetMuSig2ParticipantPubKeys(aggregate);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<PubKey, IReadOnlyList<PubKey>> GetAllMuSig2ParticipantPubKeys() => inner.GetAllMuSig2ParticipantPubKeys();
}
