using System.Diagnostics.CodeAnalysis;
using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Wallet.Spend.Internal;

/// <summary>Answers from the first of several providers that knows (Core's MultiSigningProvider).</summary>
internal sealed class MultiSigningProvider : SigningProvider
{
    private readonly List<SigningProvider> _providers = [];

    public void Add(SigningProvider? provider)
    {
        if (provider is not null) _providers.Add(provider);
    }

    public override bool TryGetScript(ScriptId id, out Script script)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetScript(id, out script)) return true;
        }
        script = Script.Empty;
        return false;
    }

    public override bool TryGetPubKey(KeyId id, [MaybeNullWhen(false)] out PubKey pubkey)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetPubKey(id, out pubkey)) return true;
        }
        pubkey = null;
        return false;
    }

    public override bool TryGetKeyOrigin(KeyId id, [MaybeNullWhen(false)] out KeyOriginInfo origin)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetKeyOrigin(id, out origin)) return true;
        }
        origin = null;
        return false;
    }

    public override bool TryGetKey(KeyId id, [MaybeNullWhen(false)] out Key key)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetKey(id, out key)) return true;
        }
        key = null;
        return false;
    }

    public override bool TryGetTaprootSpendData(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootSpendData spendData)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetTaprootSpendData(outputKey, out spendData)) return true;
        }
        spendData = null;
        return false;
    }

    public override bool TryGetTaprootBuilder(XOnlyPubKey outputKey, [MaybeNullWhen(false)] out TaprootTreeBuilder builder)
    {
        foreach (var p in _providers)
        {
            if (p.TryGetTaprootBuilder(outputKey, out builder)) return true;
        }
        builder = null;
        return false;
    }
}
