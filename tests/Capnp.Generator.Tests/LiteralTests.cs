using Capnp.Generator.Schema;

namespace Capnp.Generator.Tests;

/// <summary>Default values are XORed bitwise on the wire, so the literals must be exact to the bit.</summary>
public sealed class LiteralTests
{
    private static Value Float64(ulong bits)
    {
        var builder = new MessageBuilder();
        var s = builder.Root.InitStruct(new StructSize(2, 1));
        s.WriteUInt16(0, (ushort)TypeKind.Float64);
        s.WriteUInt64(1, bits);
        return new Value(builder.AsReader().Root.GetStruct());
    }

    private static Value Float32(uint bits)
    {
        var builder = new MessageBuilder();
        var s = builder.Root.InitStruct(new StructSize(2, 1));
        s.WriteUInt16(0, (ushort)TypeKind.Float32);
        s.WriteUInt32(1, bits);
        return new Value(builder.AsReader().Root.GetStruct());
    }

    [Fact]
    public void NanDefaultsKeepTheirPayloadBits()
    {
        Assert.Equal("global::System.BitConverter.UInt32BitsToSingle(0x7fc00000U)", Literals.Primitive(Float32(0x7fc00000), TypeKind.Float32));
        Assert.Equal("global::System.BitConverter.UInt64BitsToDouble(0x7ff8000000000001UL)",
            Literals.Primitive(Float64(0x7ff8000000000001), TypeKind.Float64));
        Assert.Equal("float.NaN", Literals.Primitive(Float32(0x7fc00000), TypeKind.Float32, constant: true));
    }

    [Theory]
    [InlineData(1.7976931348623157e308)]
    [InlineData(-0.125)]
    [InlineData(5e-324)]
    [InlineData(double.PositiveInfinity)]
    public void FiniteAndInfiniteDoublesRoundTripToTheSameBits(double value)
    {
        var literal = Literals.Primitive(Float64(BitConverter.DoubleToUInt64Bits(value)), TypeKind.Float64);
        var parsed = literal switch
        {
            "double.PositiveInfinity" => double.PositiveInfinity,
            _ => double.Parse(literal.TrimEnd('D'), System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(parsed));
    }

    [Fact]
    public void NegativeZeroKeepsItsSign() =>
        Assert.Equal("-0.0D", Literals.Primitive(Float64(0x8000_0000_0000_0000), TypeKind.Float64));

    [Fact]
    public void PointerDefaultsEncodeAsOneSegmentWithARootPointer()
    {
        using var source = new MessageBuilder(firstSegmentWords: 1);
        var list = source.Root.InitList(ElementSize.FourBytes, 3);
        list.Set(0, 1);
        list.Set(2, 3);
        var bytes = Literals.EncodePointer(source.AsReader().Root);
        var reader = MessageReader.ForTrustedSegment(bytes);
        Assert.Equal(new[] { 1, 0, 3 }, new PrimitiveListReader<int>(reader.Root.GetList(ElementSize.FourBytes)).ToArray());
    }
}
