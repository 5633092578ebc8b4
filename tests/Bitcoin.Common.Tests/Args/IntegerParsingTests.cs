using System.Numerics;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Tests.Args;

/// <summary>Core's integer parsing rules behind option values (util_tests test_ToIntegral and test_LocaleIndependentAtoi).</summary>
public sealed class IntegerParsingTests
{
    private static readonly string[] s_neverIntegral =
    [
        "1\0 1", " 1", "1 ", "1a", "1.1", "1.9", "+01.9", "-", "+", " -1", "-1 ", " -1 ", "+1", " +1", " +1 ", "+-1", "-+1",
        "++1", "--1", "", "aap", "0x1", "-32482348723847471234", "32482348723847471234",
    ];

    [Fact]
    public void StrictParsingAcceptsOnlyPlainDecimal()
    {
        Assert.Equal(1234, IntegerParsing.ToIntegral<int>("1234"));
        Assert.Equal(0, IntegerParsing.ToIntegral<int>("0"));
        Assert.Equal(1234, IntegerParsing.ToIntegral<int>("01234"));
        Assert.Equal(1234, IntegerParsing.ToIntegral<int>("00000000000000001234"));
        Assert.Equal(-1234, IntegerParsing.ToIntegral<int>("-00000000000000001234"));
        Assert.Equal(0, IntegerParsing.ToIntegral<int>("-00000000000000000000"));
        Assert.Equal(-1, IntegerParsing.ToIntegral<int>("-1"));

        CheckNeverIntegral<ulong>();
        CheckNeverIntegral<long>();
        CheckNeverIntegral<uint>();
        CheckNeverIntegral<int>();
        CheckNeverIntegral<ushort>();
        CheckNeverIntegral<short>();
        CheckNeverIntegral<byte>();
        CheckNeverIntegral<sbyte>();

        Assert.Null(IntegerParsing.ToIntegral<long>("-9223372036854775809"));
        Assert.Equal(long.MinValue, IntegerParsing.ToIntegral<long>("-9223372036854775808"));
        Assert.Equal(long.MaxValue, IntegerParsing.ToIntegral<long>("9223372036854775807"));
        Assert.Null(IntegerParsing.ToIntegral<long>("9223372036854775808"));
        Assert.Null(IntegerParsing.ToIntegral<ulong>("-1"));
        Assert.Equal(ulong.MaxValue, IntegerParsing.ToIntegral<ulong>("18446744073709551615"));
        Assert.Null(IntegerParsing.ToIntegral<ulong>("18446744073709551616"));
        Assert.Null(IntegerParsing.ToIntegral<int>("-2147483649"));
        Assert.Equal(int.MinValue, IntegerParsing.ToIntegral<int>("-2147483648"));
        Assert.Null(IntegerParsing.ToIntegral<int>("2147483648"));
        Assert.Null(IntegerParsing.ToIntegral<uint>("4294967296"));
        Assert.Equal((short)-32768, IntegerParsing.ToIntegral<short>("-32768"));
        Assert.Null(IntegerParsing.ToIntegral<short>("32768"));
        Assert.Null(IntegerParsing.ToIntegral<ushort>("-1"));
        Assert.Equal((ushort)65535, IntegerParsing.ToIntegral<ushort>("65535"));
        Assert.Null(IntegerParsing.ToIntegral<ushort>("65536"));
        Assert.Equal((sbyte)-128, IntegerParsing.ToIntegral<sbyte>("-128"));
        Assert.Null(IntegerParsing.ToIntegral<sbyte>("128"));
        Assert.Equal((byte)255, IntegerParsing.ToIntegral<byte>("255"));
        Assert.Null(IntegerParsing.ToIntegral<byte>("256"));
    }

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("0", 0)]
    [InlineData("01234", 1234)]
    [InlineData("-1234", -1234)]
    [InlineData(" 1", 1)]
    [InlineData("1 ", 1)]
    [InlineData("1a", 1)]
    [InlineData("1.1", 1)]
    [InlineData("1.9", 1)]
    [InlineData("+01.9", 1)]
    [InlineData("-1", -1)]
    [InlineData(" -1", -1)]
    [InlineData("-1 ", -1)]
    [InlineData(" -1 ", -1)]
    [InlineData("+1", 1)]
    [InlineData(" +1", 1)]
    [InlineData(" +1 ", 1)]
    [InlineData("+-1", 0)]
    [InlineData("-+1", 0)]
    [InlineData("++1", 0)]
    [InlineData("--1", 0)]
    [InlineData("", 0)]
    [InlineData("aap", 0)]
    [InlineData("0x1", 0)]
    [InlineData("-32482348723847471234", int.MinValue)]
    [InlineData("32482348723847471234", int.MaxValue)]
    [InlineData("-2147483649", int.MinValue)]
    [InlineData("2147483648", int.MaxValue)]
    public void AtoiReadsALeadingNumberAndSaturates(string text, int expected)
    {
        Assert.Equal(expected, IntegerParsing.LocaleIndependentAtoi<int>(text));
    }

    [Fact]
    public void AtoiSaturatesForEveryWidth()
    {
        Assert.Equal(long.MinValue, IntegerParsing.LocaleIndependentAtoi<long>("-9223372036854775809"));
        Assert.Equal(long.MinValue, IntegerParsing.LocaleIndependentAtoi<long>("-9223372036854775808"));
        Assert.Equal(long.MaxValue, IntegerParsing.LocaleIndependentAtoi<long>("9223372036854775808"));
        Assert.Equal(0, IntegerParsing.LocaleIndependentAtoi<long>("+-"));
        Assert.Equal(0, IntegerParsing.LocaleIndependentAtoi<long>("ox1"));
        Assert.Equal(0UL, IntegerParsing.LocaleIndependentAtoi<ulong>("-1"));
        Assert.Equal(ulong.MaxValue, IntegerParsing.LocaleIndependentAtoi<ulong>("18446744073709551616"));
        Assert.Equal(0U, IntegerParsing.LocaleIndependentAtoi<uint>("-1"));
        Assert.Equal(uint.MaxValue, IntegerParsing.LocaleIndependentAtoi<uint>("4294967296"));
        Assert.Equal(short.MinValue, IntegerParsing.LocaleIndependentAtoi<short>("-32769"));
        Assert.Equal(short.MaxValue, IntegerParsing.LocaleIndependentAtoi<short>("32768"));
        Assert.Equal((ushort)0, IntegerParsing.LocaleIndependentAtoi<ushort>("-1"));
        Assert.Equal(ushort.MaxValue, IntegerParsing.LocaleIndependentAtoi<ushort>("65536"));
        Assert.Equal(sbyte.MinValue, IntegerParsing.LocaleIndependentAtoi<sbyte>("-129"));
        Assert.Equal(sbyte.MaxValue, IntegerParsing.LocaleIndependentAtoi<sbyte>("128"));
        Assert.Equal((byte)0, IntegerParsing.LocaleIndependentAtoi<byte>("-1"));
        Assert.Equal(byte.MaxValue, IntegerParsing.LocaleIndependentAtoi<byte>("256"));
    }

    private static void CheckNeverIntegral<T>() where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        foreach (var text in s_neverIntegral)
            Assert.Null(IntegerParsing.ToIntegral<T>(text));
    }
}
