using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Kernel.Tests.Storage;

public class VarIntAndCompactSizeTests
{
    // The examples from Core's serialize.h VARINT documentation.
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8000")]
    [InlineData(255UL, "807f")]
    [InlineData(256UL, "8100")]
    [InlineData(16383UL, "fe7f")]
    [InlineData(16384UL, "ff00")]
    [InlineData(16511UL, "ff7f")]
    [InlineData(65535UL, "82fe7f")]
    [InlineData(4294967296UL, "8efefeff00")]
    [InlineData(3000000000UL, "8a95c0bb00")]
    public void VarIntEncodesAsCoreDocuments(ulong value, string hex)
    {
        var writer = new ByteWriter();
        writer.WriteVarInt(value);
        Assert.Equal(hex, Convert.ToHexStringLower(writer.WrittenSpan));
        Assert.Equal(hex.Length / 2, VarInt.GetSize(value));

        var reader = new SpanReader(Convert.FromHexString(hex));
        Assert.Equal(value, reader.ReadVarInt());
        Assert.True(reader.IsEnd);
    }

    [Fact]
    public void VarIntRoundTripsAcrossTheRange()
    {
        var writer = new ByteWriter();
        var values = new List<ulong>();
        for (int shift = 0; shift < 64; shift++)
        {
            foreach (ulong delta in new ulong[] { 0, 1, 127 })
            {
                ulong v = (1UL << shift) - 1 + delta;
                values.Add(v);
                writer.WriteVarInt(v);
            }
        }
        values.Add(ulong.MaxValue);
        writer.WriteVarInt(ulong.MaxValue);
        var reader = new SpanReader(writer.WrittenSpan);
        foreach (var v in values) Assert.Equal(v, reader.ReadVarInt());
        Assert.True(reader.IsEnd);
    }

    [Fact]
    public void VarIntTooLargeForTheTypeIsRejected()
    {
        var writer = new ByteWriter();
        writer.WriteVarInt((ulong)uint.MaxValue + 1);
        var ex = Assert.Throws<SerializationException>(() =>
        {
            var reader = new SpanReader(writer.WrittenSpan);
            reader.ReadVarIntUInt32();
        });
        Assert.Equal("ReadVarInt(): size too large", ex.Message);
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(252UL, "fc")]
    [InlineData(253UL, "fdfd00")]
    [InlineData(65535UL, "fdffff")]
    [InlineData(65536UL, "fe00000100")]
    [InlineData(4294967296UL, "ff0000000001000000")]
    public void CompactSizeEncodesAsCore(ulong value, string hex)
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(value);
        Assert.Equal(hex, Convert.ToHexStringLower(writer.WrittenSpan));
        var reader = new SpanReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadCompactSize(rangeCheck: false));
    }

    [Theory]
    [InlineData("fdfc00")]
    [InlineData("feffff0000")]
    [InlineData("ffffffffff00000000")]
    public void NonCanonicalCompactSizeIsRejected(string hex)
    {
        var ex = Assert.Throws<SerializationException>(() =>
        {
            var reader = new SpanReader(Convert.FromHexString(hex));
            reader.ReadCompactSize();
        });
        Assert.Equal("non-canonical ReadCompactSize()", ex.Message);
    }

    [Fact]
    public void CompactSizeAboveMaxSizeIsRejected()
    {
        var writer = new ByteWriter();
        writer.WriteCompactSize(CompactSize.MaxSize + 1);
        var ex = Assert.Throws<SerializationException>(() =>
        {
            var reader = new SpanReader(writer.WrittenSpan);
            reader.ReadCompactSize();
        });
        Assert.Equal("ReadCompactSize(): size too large", ex.Message);
    }

    [Fact]
    public void ReadingPastTheEndReportsEndOfData()
    {
        var ex = Assert.Throws<SerializationException>(() =>
        {
            var reader = new SpanReader([0x01, 0x02]);
            reader.ReadUInt32();
        });
        Assert.Equal("end of data", ex.Message);
    }
}
