using System.Diagnostics.CodeAnalysis;
using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// A signing provider made of plain maps (Core's FlatSigningProvider): what descriptor parsing and expansion produce
/// (private keys, scripts, public keys, origins, taproot trees, MuSig2 participants). <see cref="Merge"/> keeps
/// existing entries, as Core's std::map::merge.
/// </summary>
public sealed class FlatSigningProvider : SigningProvider
{
    /// <summary>Scripts by HASH160.</summary>
    public Dictionary<ScriptId, Script> Scripts { get; } = [];

    /// <summary>Public keys by HASH160.</summary>
    public Dictionary<KeyId, PubKey> PubKeys { get; } = [];

    /// <summary>Key origins by HASH160 of the key, with the key itself.</summary>
    public Dictionary<KeyId, (PubKey PubKey, KeyOriginInfo Origin)> Origins { get; } = [];

    /// <summary>Private keys by HASH160 of their public key.</summary>
    public Dictionary<KeyId, Key> Keys { get; } = [];

    /// <summary>Taproot script trees by output key.</summary>
    public Dictionary<XOnlyPubKey, TaprootTreeBuilder> TaprootTrees { get; } = [];

    /// <summary>MuSig2 aggregate keys and their participants.</summary>
    public Dictionary<PubKey, IReadOnlyList<PubKey>> AggregatePubKeys { get; } = [];

    /// <inheritdoc/>
    public override bool TryGetScript(ScriptId id, out Script script)
    {
        if (Scripts.TryGetValue(id, out var s))
        {
            script = s;
            return true;
        }
        script = Script.Empty;
        return false;
    }

    /// <inheritdoc/>
    public override bool TryGetPubKey(KeyId id, [MaybeNullWhen(false)] out PubKey pubkey) => PubKeys.TryGetValue(id, out pubkey);

    /// <inheritdoc/>
    public override bool TryGetKey(KeyId id, [MaybeNullWhen(false)] out Key key) => Keys.TryGetValue(id, out key);

    /// <inheritdoc/>
    public override bool HaveKey(KeyId id) => Keys.ContainsKey(id);

    /// <inheritdoc/>
    public override bool TryGetKeyOrigin(KeyId id, [MaybeNullWhen(false)] out KeyOriginInfo origin)
    {
        if (Origins.TryGetValue(id, out var entry))
        {
            origin = entry.Origin;
            return true;
        }
        origin = null;
        return false;
    }

    /// <inheritdoc/>
    public override bool TryGetTaprootSpendData(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootSpendData spendData)
    {
        if (TaprootTrees.TryGetValue(outputKey, out var builder))
        {
            spendData = builder.GetSpendData();
            return true;
        }
        spendData = null;
        return false;
    }

    /// <inheritdoc/>
    public override bool TryGetTaprootBuilder(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootTreeBuilder builder)
        => TaprootTrees.TryGetValue(outputKey, out builder);

    /// <inheritdoc/>
    public override IReadOnlyList<PubKey> GetMuSig2ParticipantPubKeys(PubKey aggregate)
        => AggregatePubKeys.TryGetValue(aggregate, out var participants) ? participants : [];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<PubKey, IReadOnlyList<PubKey>> GetAllMuSig2ParticipantPubKeys() => AggregatePubKeys;

    /// <summary>Adds every entry of <paramref name="other"/> whose key is not already present; returns this.</summary>
    public FlatSigningProvider Merge(FlatSigningProvider other)
    {
        foreach (var (k, v) in other.Scripts) Scripts.TryAdd(k, v);
        foreach (var (k, v) in other.PubKeys) PubKeys.TryAdd(k, v);
        foreach (var (k, v) in other.Keys) Keys.TryAdd(k, v);
        foreach (var (k, v) in other.Origins) Origins.TryAdd(k, v);
        foreach (var (k, v) in other.TaprootTrees) TaprootTrees.TryAdd(k, v);
        foreach (var (k, v) in other.AggregatePubKeys) AggregatePubKeys.TryAdd(k, v);
        return this;
    }

    /// <summary>A copy with the same entries.</summary>
    public FlatSigningProvider Clone() => new FlatSigningProvider().Merge(this);
}
