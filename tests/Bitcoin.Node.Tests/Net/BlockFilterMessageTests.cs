using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;
using NBitcoin.DataEncoders;

namespace Bitcoin.Node.Tests.Net;

// BIP157 messages (getcfilters, getcfheaders, getcfcheckpt and their replies) in the byte layout Core and its test
// framework use (test_framework/messages.py msg_getcfilters, msg_cfilter, msg_cfheaders, msg_cfcheckpt).
public class BlockFilterMessageTests
{
    // A hash whose little-endian wire bytes are 01 02 ... 20, so the layout below can be read off directly.
    private static readonly uint256 Hash = new(Encoders.Hex.DecodeData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"), lendian: true);
    private const string HashWire = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void GetCFiltersIsTypeThenLittleEndianStartHeightThenStopHash()
    {
        var request = new BlockFilterRangeRequest(0, 1000, Hash);
        Assert.Equal("00" + "e8030000" + HashWire, Hex(request.Serialize()));
        Assert.Equal(request, BlockFilterRangeRequest.Read(request.Serialize()));
    }

    [Fact]
    public void GetCFCheckptIsTypeThenStopHash()
    {
        var request = new BlockFilterCheckpointRequest(255, Hash);
        Assert.Equal("ff" + HashWire, Hex(request.Serialize()));
        Assert.Equal(request, BlockFilterCheckpointRequest.Read(request.Serialize()));
    }

    [Fact]
    public void ShortRequestsThrowEndOfDataAndExtraBytesAreIgnored()
    {
        var full = new BlockFilterRangeRequest(0, 7, Hash).Serialize();
        var ex = Assert.Throws<SerializationException>(() => BlockFilterRangeRequest.Read(full[..^1]));
        Assert.Equal("end of data", ex.Message);
        Assert.Throws<SerializationException>(() => BlockFilterCheckpointRequest.Read([0]));
        Assert.Equal(7u, BlockFilterRangeRequest.Read([.. full, 0xaa, 0xbb]).StartHeight);
    }

    [Fact]
    public void CFilterCarriesTheFilterWithACompactSizeLength()
    {
        var filter = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = new BlockFilterMessage(0, Hash, filter).Serialize();
        // type (1) + block hash (32) + 0xfd 0x2c01 (300) + filter
        Assert.Equal(1 + 32 + 3 + 300, bytes.Length);
        Assert.Equal("00" + HashWire + "fd2c01", Hex(bytes[..36]));
        var read = BlockFilterMessage.Read(bytes);
        Assert.Equal(Hash, read.BlockHash);
        Assert.Equal(filter, read.Filter.ToArray());
    }

    [Fact]
    public void CFHeadersListsFilterHashesAfterThePreviousHeader()
    {
        var hashes = new[] { new uint256(1), new uint256(2), new uint256(3) };
        var message = new BlockFilterHeadersMessage(0, Hash, new uint256(9), hashes);
        var bytes = message.Serialize();
        Assert.Equal(1 + 32 + 32 + 1 + (3 * 32), bytes.Length);
        Assert.Equal("00" + HashWire, Hex(bytes[..33]));
        Assert.Equal(3, bytes[65]);
        var read = BlockFilterHeadersMessage.Read(bytes);
        Assert.Equal(new uint256(9), read.PreviousHeader);
        Assert.Equal(hashes, read.FilterHashes);
    }

    [Fact]
    public void CFCheckptRoundTripsAnEmptyAndAFullList()
    {
        var empty = new BlockFilterCheckpointMessage(0, Hash, []);
        Assert.Equal("00" + HashWire + "00", Hex(empty.Serialize()));
        Assert.Empty(BlockFilterCheckpointMessage.Read(empty.Serialize()).Headers);
        var headers = Enumerable.Range(1, 300).Select(i => new uint256((ulong)i)).ToArray();
        Assert.Equal(headers, BlockFilterCheckpointMessage.Read(new BlockFilterCheckpointMessage(0, Hash, headers).Serialize()).Headers);
    }

    [Fact]
    public void AClaimedHashCountBeyondThePayloadThrowsInsteadOfAllocating()
    {
        // 0xfe 0x00000002 claims 33,554,432 hashes; only one follows.
        var bytes = Convert.FromHexString("00" + HashWire + "fe00000002" + HashWire);
        Assert.Throws<SerializationException>(() => BlockFilterCheckpointMessage.Read(bytes));
    }

    [Fact]
    public void NonCanonicalCountIsRefused()
    {
        var bytes = Convert.FromHexString("00" + HashWire + "fd0100" + HashWire);
        var ex = Assert.Throws<SerializationException>(() => BlockFilterCheckpointMessage.Read(bytes));
        Assert.Equal("non-canonical ReadCompactSize()", ex.Message);
    }
}
