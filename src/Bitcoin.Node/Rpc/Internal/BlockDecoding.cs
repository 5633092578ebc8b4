using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>Hex to blocks and headers as Core's DecodeHexBlk and DecodeHexBlockHeader read them.</summary>
internal static class BlockDecoding
{
    /// <summary>A block with witnesses from hex; false for anything that is not hex or not a whole block.</summary>
    public static bool TryDecodeBlock(string hex, Network network, out Block block)
    {
        block = network.Consensus.ConsensusFactory.CreateBlock();
        if (!RpcParse.IsHex(hex)) return false;
        try
        {
            var stream = new BitcoinStream(Convert.FromHexString(hex)) { ConsensusFactory = network.Consensus.ConsensusFactory };
            block.ReadWrite(stream);
            return true;
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or ArgumentException or InvalidOperationException or OverflowException or IOException)
        {
            return false;
        }
    }

    /// <summary>A block header from hex (anything after the first 80 bytes is ignored, as in Core).</summary>
    public static bool TryDecodeHeader(string hex, Network network, out BlockHeader header)
    {
        header = network.Consensus.ConsensusFactory.CreateBlockHeader();
        if (!RpcParse.IsHex(hex)) return false;
        var bytes = Convert.FromHexString(hex);
        if (bytes.Length < 80) return false;
        header.ReadWrite(new BitcoinStream(bytes.AsSpan(0, 80).ToArray()));
        return true;
    }
}
