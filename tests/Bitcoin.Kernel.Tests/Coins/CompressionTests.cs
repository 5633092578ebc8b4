using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Coins;

// Facts from Core's compress_tests.cpp.
public class CompressionTests
{
    private const ulong Cent = 1_000_000;
    private const ulong Coin = 100_000_000;

    [Theory]
    [InlineData(0UL, 0x0UL)]
    [InlineData(1UL, 0x1UL)]
    [InlineData(Cent, 0x7UL)]
    [InlineData(Coin, 0x9UL)]
    [InlineData(50 * Coin, 0x32UL)]
    [InlineData(21_000_000 * Coin, 0x1406f40UL)]
    public void AmountCompressesToCoresValue(ulong amount, ulong compressed)
    {
        Assert.Equal(compressed, AmountCompression.Compress(amount));
        Assert.Equal(amount, AmountCompression.Decompress(compressed));
    }

    [Fact]
    public void AmountCompressionRoundTripsCoresRanges()
    {
        for (ulong i = 1; i <= 100_000; i++) Assert.Equal(i, AmountCompression.Decompress(AmountCompression.Compress(i)));
        for (ulong i = 1; i <= 10_000; i++) Assert.Equal(i * Cent, AmountCompression.Decompress(AmountCompression.Compress(i * Cent)));
        for (ulong i = 1; i <= 10_000; i++) Assert.Equal(i * Coin, AmountCompression.Decompress(AmountCompression.Compress(i * Coin)));
        for (ulong i = 1; i <= 420_000; i++) Assert.Equal(i * 50 * Coin, AmountCompression.Decompress(AmountCompression.Compress(i * 50 * Coin)));
        for (ulong i = 0; i < 100_000; i++) Assert.Equal(i, AmountCompression.Compress(AmountCompression.Decompress(i)));
    }

    [Fact]
    public void P2pkhCompressesToTypeZeroAndKeyHash()
    {
        var script = new Key().PubKey.Hash.ScriptPubKey.ToBytes();
        Assert.Equal(25, script.Length);
        var output = new byte[33];
        Assert.Equal(21, ScriptCompression.TryCompress(script, output));
        Assert.Equal(0x00, output[0]);
        Assert.Equal(script[3..23], output[1..21]);
    }

    [Fact]
    public void P2shCompressesToTypeOneAndScriptHash()
    {
        var script = new Key().PubKey.ScriptPubKey.Hash.ScriptPubKey.ToBytes();
        Assert.Equal(23, script.Length);
        var output = new byte[33];
        Assert.Equal(21, ScriptCompression.TryCompress(script, output));
        Assert.Equal(0x01, output[0]);
        Assert.Equal(script[2..22], output[1..21]);
    }

    [Fact]
    public void CompressedP2pkKeepsPrefixAndX()
    {
        var script = new Key().PubKey.ScriptPubKey.ToBytes();
        Assert.Equal(35, script.Length);
        var output = new byte[33];
        Assert.Equal(33, ScriptCompression.TryCompress(script, output));
        Assert.Equal(script[1], output[0]);
        Assert.Equal(script[2..34], output[1..33]);
    }

    [Fact]
    public void UncompressedP2pkStoresParityOfY()
    {
        var pubkey = new Key(false).PubKey;
        var script = pubkey.ScriptPubKey.ToBytes();
        Assert.Equal(67, script.Length);
        var output = new byte[33];
        Assert.Equal(33, ScriptCompression.TryCompress(script, output));
        Assert.Equal(0x04 | (script[65] & 0x01), output[0]);
        Assert.Equal(script[2..34], output[1..33]);
        // And decompression restores the full key.
        Assert.Equal(script, ScriptCompression.Decompress(output[0], output.AsSpan(1)));
    }

    [Fact]
    public void UncompressedP2pkOffTheCurveIsNotCompressed()
    {
        var x = FindXNotOnCurve();
        var script = new byte[67];
        script[0] = 65;
        script[1] = 0x04;
        x.CopyTo(script, 2);
        script[66] = 0xac;
        Assert.Equal(0, ScriptCompression.TryCompress(script, new byte[33]));
        // Such a payload cannot be decompressed either; Core leaves the script empty.
        Assert.Empty(ScriptCompression.Decompress(4, x));
        Assert.Empty(ScriptCompression.Decompress(5, x));
    }

    [Fact]
    public void OtherScriptsAreStoredWithLengthPlusSix()
    {
        var script = new Script("OP_RETURN 0102").ToBytes();
        var writer = new ByteWriter();
        ScriptCompression.Write(writer, script);
        Assert.Equal((byte)(script.Length + 6), writer.WrittenSpan[0]);
        var reader = new SpanReader(writer.WrittenSpan);
        Assert.Equal(script, ScriptCompression.Read(ref reader).ToBytes());
    }

    private static byte[] FindXNotOnCurve()
    {
        var random = new Random(7);
        var x = new byte[32];
        while (true)
        {
            random.NextBytes(x);
            if (!PubKey.TryCreatePubKey([0x02, .. x], out _)) return x;
        }
    }
}
