using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>
/// The bridge between miniscript and descriptor keys (Core's KeyParser): miniscript keys are indexes into a list of
/// key providers, each a list of multipath alternatives. Parses keys from text (descriptor parsing) or recovers them
/// from script pushes with a signing provider (descriptor inference).
/// </summary>
internal sealed class MiniscriptKeyParser : IMiniscriptStringParser<int>, IMiniscriptScriptParser<int>, IMiniscriptStringMaker<int>
{
    private readonly DescriptorParser? _parser;
    private readonly SigningProvider? _in;
    private readonly Network _network;

    public MiniscriptKeyParser(DescriptorParser? parser, SigningProvider? input, MiniscriptContext ctx, Network network)
    {
        _parser = parser;
        _in = input;
        MsContext = ctx;
        _network = network;
    }

    public MiniscriptContext MsContext { get; }

    /// <summary>The parsed keys; each entry holds one provider per multipath alternative.</summary>
    public List<List<PubkeyProvider>> Keys { get; } = [];

    /// <summary>The error of the first key that failed to parse ("" if none).</summary>
    public string KeyParsingError { get; private set; } = "";

    private ParseScriptContext ParseContext => MsContext == MiniscriptContext.P2WSH ? ParseScriptContext.P2WSH : ParseScriptContext.P2TR;

    public int CompareKeys(int a, int b) => Keys[a][0].CompareKeys(Keys[b][0]);

    public bool TryFromString(string text, out int key)
    {
        key = Keys.Count;
        var pk = _parser!.ParsePubkey(text, ParseContext, out string error);
        if (pk.Count == 0)
        {
            KeyParsingError = error;
            return false;
        }
        Keys.Add(pk);
        return true;
    }

    public string? ToString(int key, out bool hasPrivateKey)
    {
        hasPrivateKey = false;
        return Keys[key][0].ToString(KeyStringType.Public);
    }

    public bool TryFromPKBytes(byte[] bytes, out int key)
    {
        key = Keys.Count;
        if (MiniscriptLimits.IsTapscript(MsContext) && bytes.Length == 32)
        {
            var provider = DescriptorInference.InferXOnlyPubkey(new XOnlyPubKey(bytes), ParseContext, _in!, _network);
            if (provider is not null)
            {
                Keys.Add([provider]);
                return true;
            }
        }
        else if (!MiniscriptLimits.IsTapscript(MsContext))
        {
            var provider = DescriptorInference.InferPubkey(bytes, ParseContext, _in!, _network);
            if (provider is not null)
            {
                Keys.Add([provider]);
                return true;
            }
        }
        return false;
    }

    public bool TryFromPKHBytes(byte[] hash, out int key)
    {
        key = Keys.Count;
        if (_in!.TryGetPubKey(new KeyId(hash), out var pubkey))
        {
            var provider = DescriptorInference.InferPubkey(pubkey.ToBytes(), ParseContext, _in, _network);
            if (provider is not null)
            {
                Keys.Add([provider]);
                return true;
            }
        }
        return false;
    }
}
