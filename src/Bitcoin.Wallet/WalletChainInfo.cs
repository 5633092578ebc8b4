using System.Buffers.Binary;
using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Wallet;

/// <summary>
/// The chain facts the wallet needs without the kernel (Core's wallet reads them from Params()): the network for
/// address and key encoding, whether it is a test chain (BIP44 coin type 1h), and the message start that becomes the
/// SQLite <c>application_id</c> of its wallet files.
/// </summary>
/// <param name="Chain">The chain.</param>
/// <param name="Network">NBitcoin's network for encodings.</param>
/// <param name="MessageStart">The four message start bytes.</param>
public sealed record WalletChainInfo(ChainType Chain, Network Network, byte[] MessageStart)
{
    /// <summary>True on every chain but main (new wallets derive at coin type 1h).</summary>
    public bool IsTestChain => Chain != ChainType.Main;

    /// <summary>The message start read big-endian (Core's application id).</summary>
    public uint ApplicationId => BinaryPrimitives.ReadUInt32BigEndian(MessageStart);

    /// <summary>The facts of the chain selected by <paramref name="args"/> (-chain, -regtest, -signetchallenge ...).</summary>
    public static WalletChainInfo FromArgs(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ForChain(args.GetChainType(), args.GetArgs("-signetchallenge").FirstOrDefault());
    }

    /// <summary>The facts of <paramref name="chain"/>; <paramref name="signetChallengeHex"/> for a custom signet.</summary>
    public static WalletChainInfo ForChain(ChainType chain, string? signetChallengeHex = null) => chain switch
    {
        ChainType.Main => new(chain, Network.Main, [0xf9, 0xbe, 0xb4, 0xd9]),
        ChainType.Testnet => new(chain, Network.TestNet, [0x0b, 0x11, 0x09, 0x07]),
        ChainType.Testnet4 => new(chain, NBitcoin.Bitcoin.Instance.Testnet4, [0x1c, 0x16, 0x3f, 0x28]),
        ChainType.Signet => new(chain, NBitcoin.Bitcoin.Instance.Signet, SignetMagic(signetChallengeHex)),
        ChainType.Regtest => new(chain, Network.RegTest, [0xfa, 0xbf, 0xb5, 0xda]),
        _ => throw new ArgumentOutOfRangeException(nameof(chain)),
    };

    // BIP325: the first four bytes of SHA256d of the challenge serialized with its length.
    private static byte[] SignetMagic(string? challengeHex)
    {
        var challenge = Convert.FromHexString(challengeHex ??
            "512103ad5e0edad18cb1f0fc0d28a3d4f1f3e445640337489abb10404f2d1e086be430210359ef5021964fe22d6f8e05b2463c9540ce96883fe3b278760f048f5189f2e6c452ae");
        var serialized = new Storage.DataWriter().WriteBytes(challenge).ToArray();
        return Hashes.DoubleSHA256RawBytes(serialized, 0, serialized.Length).AsSpan(0, 4).ToArray();
    }
}
