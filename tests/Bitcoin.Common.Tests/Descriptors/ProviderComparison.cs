using Bitcoin.Common.Descriptors;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>Core's EqualSigningProviders and map comparisons for FlatSigningProvider.</summary>
internal static class ProviderComparison
{
    public static bool SameScripts(FlatSigningProvider a, FlatSigningProvider b)
        => a.Scripts.Count == b.Scripts.Count && a.Scripts.All(kv => b.Scripts.TryGetValue(kv.Key, out var s) && s == kv.Value);

    public static bool Equal(FlatSigningProvider a, FlatSigningProvider b)
        => SameScripts(a, b)
           && a.PubKeys.Count == b.PubKeys.Count && a.PubKeys.All(kv => b.PubKeys.TryGetValue(kv.Key, out var p) && p == kv.Value)
           && a.Origins.Count == b.Origins.Count && a.Origins.All(kv => b.Origins.TryGetValue(kv.Key, out var o) && o.PubKey == kv.Value.PubKey && o.Origin.Equals(kv.Value.Origin))
           && a.Keys.Count == b.Keys.Count && a.Keys.All(kv => b.Keys.TryGetValue(kv.Key, out var k) && k.ToHex() == kv.Value.ToHex())
           && a.TaprootTrees.Count == b.TaprootTrees.Count && a.TaprootTrees.All(kv => b.TaprootTrees.TryGetValue(kv.Key, out var t) && t.SameTreeAs(kv.Value));
}
