using Bitcoin.Node.Blockchain;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc.UtxoSet;

// Vectors from Core's crypto_tests.cpp (muhash_tests).
public sealed class MuHash3072Tests
{
    // The state of FromInt(1) * FromInt(2): the numerator, serialized little-endian.
    private const string NumeratorOfOneTimesTwo =
        "1fa093295ea30a6a3acdc7b3f770fa538eff537528e990e2910e40bbcfd7f6696b1256901929094694b56316de342f593303dd12ac43e06dce1be1ff8301c845beb15468fff0ef002dbf80c29f26e6452bccc91b5cb9437ad410d2a67ea847887fa3c6a6553309946880fe20db2c73fe0641adbd4e86edfee0d9f8cd0ee1230898873dc13ed8ddcaf045c80faa082774279007a2253f8922ee3ef361d378a6af3ddaf180b190ac97e556888c36b3d1fb1c85aab9ccd46e3deaeb7b7cf5db067a7e9ff86b658cf3acd6662bbcce37232daa753c48b794356c020090c831a8304416e2aa7ad633c0ddb2f11be1be316a81be7f7e472071c042cb68faef549c221ebff209273638b741aba5a81675c45a5fa92fea4ca821d7a324cb1e1a2ccd3b76c4228ec8066dad2a5df6e1bd0de45c7dd5de8070bdb46db6c554cf9aefc9b7b2bbf9f75b1864d9f95005314593905c0109b71f703d49944ae94477b51dac10a816bb6d1c700bafabc8bd86fac8df24be519a2f2836b16392e18036cb13e48c5c";

    private static readonly string OneAsBytes = "01" + string.Concat(Enumerable.Repeat("00", 383));

    private static MuHash3072 FromInt(byte i)
    {
        var element = new byte[32];
        element[0] = i;
        return new MuHash3072(element);
    }

    [Fact]
    public void MultiplyAndDivideGiveCoresDigest()
    {
        var acc = FromInt(0).Combine(FromInt(1)).Subtract(FromInt(2));

        Assert.Equal(uint256.Parse("10d312b100cbd32ada024a6646e40d3482fcff103668d2625f10002a607d5863"), acc.Finalize());
    }

    [Fact]
    public void InsertAndRemoveAreTheSameAsMultiplyAndDivide()
    {
        var acc = FromInt(0);
        var one = new byte[32];
        one[0] = 1;
        var two = new byte[32];
        two[0] = 2;
        acc.Insert(one).Remove(two);

        Assert.Equal(uint256.Parse("10d312b100cbd32ada024a6646e40d3482fcff103668d2625f10002a607d5863"), acc.Finalize());
    }

    [Fact]
    public void OrderOfOperationsDoesNotMatter()
    {
        var a = FromInt(3).Combine(FromInt(5)).Subtract(FromInt(7)).Finalize();
        var b = FromInt(7);
        var c = new MuHash3072().Subtract(b).Combine(FromInt(5)).Combine(FromInt(3)).Finalize();

        Assert.Equal(a, c);
    }

    [Fact]
    public void DividingByItselfGivesTheEmptySet()
    {
        var x = FromInt(9);
        var y = FromInt(4);
        var z = new MuHash3072().Combine(x).Combine(y);
        var yx = FromInt(4).Combine(FromInt(9));
        z.Subtract(yx);

        Assert.Equal(new MuHash3072().Finalize(), z.Finalize());
    }

    [Fact]
    public void SerializationMatchesCore()
    {
        var state = FromInt(1).Combine(FromInt(2));

        Assert.Equal(NumeratorOfOneTimesTwo + OneAsBytes, Convert.ToHexStringLower(state.Serialize()));
        var restored = MuHash3072.Deserialize(state.Serialize());
        Assert.Equal(state.Finalize(), restored.Finalize());
    }

    [Fact]
    public void NumeratorAboveTheModulusIsReduced()
    {
        var data = Convert.FromHexString(string.Concat(Enumerable.Repeat("ff", 384)) + OneAsBytes);

        var overflow = MuHash3072.Deserialize(data);

        Assert.Equal("3a31e6903aff0de9f62f9a9f7f8b861de76ce2cda09822b90014319ae5dc2271", Convert.ToHexStringLower(overflow.Finalize().ToBytes()));
    }
}
