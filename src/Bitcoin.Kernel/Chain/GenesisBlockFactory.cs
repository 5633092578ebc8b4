using System.Text;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>Builds genesis blocks the way Core's CreateGenesisBlock does.</summary>
internal static class GenesisBlockFactory
{
    private const string TimesHeadline = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";

    private static readonly byte[] SatoshiPubKey = Convert.FromHexString(
        "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f");

    /// <summary>The genesis block of main, testnet3, signet and regtest: Satoshi's coinbase with the given header fields.</summary>
    public static Block Create(uint time, uint nonce, uint bits, int version, Money reward) =>
        Create(TimesHeadline, PayToPubKey(SatoshiPubKey), time, nonce, bits, version, reward);

    /// <summary>A genesis block with a custom coinbase message and output script (testnet4).</summary>
    public static Block Create(string message, Script outputScript, uint time, uint nonce, uint bits, int version, Money reward)
    {
        var tx = Transaction.Create(Network.Main);
        tx.Version = 1;
        // scriptSig: the number 486604799 (0x1d00ffff), the number 4, then the message, each as a data push.
        var scriptSig = new List<byte>();
        AppendPush(scriptSig, [0xff, 0xff, 0x00, 0x1d]);
        AppendPush(scriptSig, [0x04]);
        AppendPush(scriptSig, Encoding.ASCII.GetBytes(message));
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), Script.FromBytesUnsafe(scriptSig.ToArray())));
        tx.Outputs.Add(new TxOut(reward, outputScript));
        tx.LockTime = LockTime.Zero;

        var block = Network.Main.Consensus.ConsensusFactory.CreateBlock();
        block.Header.Version = version;
        block.Header.HashPrevBlock = uint256.Zero;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(time);
        block.Header.Bits = new Target(bits);
        block.Header.Nonce = nonce;
        block.Transactions.Add(tx);
        block.Header.HashMerkleRoot = block.GetMerkleRoot().Hash;
        return block;
    }

    /// <summary>A script that pushes <paramref name="pubKey"/> and checks a signature against it.</summary>
    public static Script PayToPubKey(byte[] pubKey)
    {
        var bytes = new List<byte>();
        AppendPush(bytes, pubKey);
        bytes.Add((byte)OpcodeType.OP_CHECKSIG);
        return Script.FromBytesUnsafe(bytes.ToArray());
    }

    // A direct push (length byte) up to 75 bytes, OP_PUSHDATA1 above: what Core's CScript << vector writes.
    private static void AppendPush(List<byte> script, byte[] data)
    {
        if (data.Length < (int)OpcodeType.OP_PUSHDATA1)
        {
            script.Add((byte)data.Length);
        }
        else if (data.Length <= 0xff)
        {
            script.Add((byte)OpcodeType.OP_PUSHDATA1);
            script.Add((byte)data.Length);
        }
        else
        {
            throw new ArgumentException("Genesis pushes are shorter than 256 bytes.", nameof(data));
        }
        script.AddRange(data);
    }
}
