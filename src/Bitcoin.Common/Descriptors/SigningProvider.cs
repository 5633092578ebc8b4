using System.Diagnostics.CodeAnalysis;
using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// Read access to scripts, keys, key origins and taproot data, as Core's SigningProvider. Every lookup returns false
/// by default; stores (the descriptor wallet, <see cref="FlatSigningProvider"/>) override what they have.
/// </summary>
public abstract class SigningProvider
{
    /// <summary>A provider that knows nothing (Core's DUMMY_SIGNING_PROVIDER).</summary>
    public static SigningProvider Empty { get; } = new EmptySigningProvider();

    /// <summary>Looks up a script by its HASH160.</summary>
    public virtual bool TryGetScript(ScriptId id, out Script script)
    {
        script = Script.Empty;
        return false;
    }

    /// <summary>Looks up a public key by its HASH160.</summary>
    public virtual bool TryGetPubKey(KeyId id, [MaybeNullWhen(false)] out PubKey pubkey)
    {
        pubkey = null!;
        return false;
    }

    /// <summary>Looks up a private key by the HASH160 of its public key.</summary>
    public virtual bool TryGetKey(KeyId id, [MaybeNullWhen(false)] out Key key)
    {
        key = null!;
        return false;
    }

    /// <summary>Looks up the origin (fingerprint and path) of a public key.</summary>
    public virtual bool TryGetKeyOrigin(KeyId id, [MaybeNullWhen(false)] out KeyOriginInfo origin)
    {
        origin = null!;
        return false;
    }

    /// <summary>Looks up what is needed to spend a taproot output with the given output key.</summary>
    public virtual bool TryGetTaprootSpendData(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootSpendData spendData)
    {
        spendData = null!;
        return false;
    }

    /// <summary>Looks up the script tree of a taproot output.</summary>
    public virtual bool TryGetTaprootBuilder(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootTreeBuilder builder)
    {
        builder = null!;
        return false;
    }

    /// <summary>The participants of a MuSig2 aggregate key, or an empty list.</summary>
    public virtual IReadOnlyList<PubKey> GetMuSig2ParticipantPubKeys(PubKey aggregate) => [];

    /// <summary>All known MuSig2 aggregate keys and their participants.</summary>
    public virtual IReadOnlyDictionary<PubKey, IReadOnlyList<PubKey>> GetAllMuSig2ParticipantPubKeys()
        => new Dictionary<PubKey, IReadOnlyList<PubKey>>();

    /// <summary>Whether the private key is known.</summary>
    public virtual bool HaveKey(KeyId id) => TryGetKey(id, out _);

    /// <summary>The private key for an x-only key, trying both parities (Core's GetKeyByXOnly).</summary>
    public bool TryGetKeyByXOnly(XOnlyPubKey pubkey, [MaybeNullWhen(false)] out Key key)
    {
        foreach (var id in pubkey.KeyIds())
        {
            if (TryGetKey(id, out key)) return true;
        }
        key = null!;
        return false;
    }

    /// <summary>The full public key for an x-only key, trying both parities (Core's GetPubKeyByXOnly).</summary>
    public bool TryGetPubKeyByXOnly(XOnlyPubKey pubkey, [MaybeNullWhen(false)] out PubKey result)
    {
        foreach (var id in pubkey.KeyIds())
        {
            if (TryGetPubKey(id, out result)) return true;
        }
        result = null!;
        return false;
    }

    /// <summary>The origin of an x-only key, trying both parities (Core's GetKeyOriginByXOnly).</summary>
    public bool TryGetKeyOriginByXOnly(XOnlyPubKey pubkey, [MaybeNullWhen(false)] out KeyOriginInfo origin)
    {
        foreach (var id in pubkey.KeyIds())
        {
            if (TryGetKeyOrigin(id, out origin)) return true;
        }
        origin = null!;
        return false;
    }

    private sealed class EmptySigningProvider : SigningProvider
    {
    }
}
