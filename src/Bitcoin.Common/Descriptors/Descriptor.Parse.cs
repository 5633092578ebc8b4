using Bitcoin.Common.Descriptors.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors;

public abstract partial class Descriptor
{
    /// <summary>
    /// Core's Parse: parses descriptor text for a network. A multipath expression (<c>/&lt;0;1&gt;/*</c>) yields one
    /// descriptor per alternative. Private keys found in the text are added to <paramref name="keys"/>. A checksum, if
    /// present, must be correct; with <paramref name="requireChecksum"/> it must be present. On failure returns false
    /// and Core's error message (which may be empty for trailing garbage, as in Core).
    /// </summary>
    public static bool TryParse(string text, Network network, FlatSigningProvider keys, out IReadOnlyList<Descriptor> descriptors,
        out string error, bool requireChecksum = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keys);
        descriptors = [];
        if (!DescriptorChecksum.TryCheck(text, requireChecksum, out string sp, out _, out error)) return false;
        // Keys go to a scratch provider first so a failed parse adds nothing.
        var found = new FlatSigningProvider();
        var parser = new DescriptorParser(network, found);
        var ret = parser.ParseScript(ref sp, ParseScriptContext.Top, out error);
        if (sp.Length != 0 || ret.Count == 0) return false;
        keys.Merge(found);
        descriptors = ret;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing <see cref="DescriptorException"/> with Core's message on failure.</summary>
    public static IReadOnlyList<Descriptor> Parse(string text, Network network, FlatSigningProvider keys, bool requireChecksum = false)
    {
        if (!TryParse(text, network, keys, out var descriptors, out string error, requireChecksum)) throw new DescriptorException(error);
        return descriptors;
    }

    /// <summary>
    /// Core's InferDescriptor: the most specific descriptor for <paramref name="script"/> using what
    /// <paramref name="provider"/> knows (keys, scripts, origins, taproot trees); falls back to addr() for scripts with
    /// an address and raw() otherwise. Never null; never ranged.
    /// </summary>
    public static Descriptor Infer(Script script, SigningProvider provider, Network network)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(network);
        return DescriptorInference.InferScript(script, ParseScriptContext.Top, provider, network)!;
    }
}
