using System.Text.Json.Nodes;
using NBitcoin;

namespace Bitcoin.Common.Tests.Addresses;

/// <summary>Locates and loads Core's JSON test vectors from tests/data/bitcoin-core.</summary>
internal static class CoreTestData
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);

    public static string PathOf(string fileName) => Path.Combine(s_directory.Value, fileName);

    public static JsonArray LoadArray(string fileName)
        => JsonNode.Parse(File.ReadAllText(PathOf(fileName)))!.AsArray();

    public static JsonArray LoadArrayFromObject(string fileName, string property)
        => JsonNode.Parse(File.ReadAllText(PathOf(fileName)))![property]!.AsArray();

    /// <summary>NBitcoin's network for one of Core's chain names (main, test, testnet4, signet, regtest).</summary>
    public static Network NetworkFor(string chain) => chain switch
    {
        "main" => Network.Main,
        "test" => Network.TestNet,
        "testnet4" => NBitcoin.Bitcoin.Instance.Testnet4,
        "signet" => NBitcoin.Bitcoin.Instance.Signet,
        "regtest" => Network.RegTest,
        _ => throw new ArgumentException($"Unknown chain {chain}"),
    };

    public static IEnumerable<Network> AllNetworks =>
        [Network.Main, Network.TestNet, NBitcoin.Bitcoin.Instance.Testnet4, NBitcoin.Bitcoin.Instance.Signet, Network.RegTest];

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "bitcoin-core");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/data/bitcoin-core not found above " + AppContext.BaseDirectory);
    }
}
