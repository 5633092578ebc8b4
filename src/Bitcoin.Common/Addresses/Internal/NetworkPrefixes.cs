using System.Collections.Concurrent;
using System.Text;
using NBitcoin;

namespace Bitcoin.Common.Addresses.Internal;

/// <summary>A network's Base58 version bytes and Bech32 prefix (Core's CChainParams::Base58Prefix / Bech32HRP).</summary>
internal sealed record NetworkPrefixes(
    byte[] PubKeyAddress,
    byte[] ScriptAddress,
    byte[] SecretKey,
    byte[] ExtPublicKey,
    byte[] ExtSecretKey,
    string Hrp)
{
    private static readonly ConcurrentDictionary<Network, NetworkPrefixes> s_cache = new();

    public static NetworkPrefixes For(Network network) => s_cache.GetOrAdd(network, static n => new NetworkPrefixes(
        Version(n, Base58Type.PUBKEY_ADDRESS),
        Version(n, Base58Type.SCRIPT_ADDRESS),
        Version(n, Base58Type.SECRET_KEY),
        Version(n, Base58Type.EXT_PUBLIC_KEY),
        Version(n, Base58Type.EXT_SECRET_KEY),
        Encoding.ASCII.GetString(n.GetBech32Encoder(Bech32Type.WITNESS_PUBKEY_ADDRESS, true)!.HumanReadablePart)));

    private static byte[] Version(Network network, Base58Type type)
        => network.GetVersionBytes(type, true) ?? throw new ArgumentException($"Network {network} has no {type} prefix.");
}
