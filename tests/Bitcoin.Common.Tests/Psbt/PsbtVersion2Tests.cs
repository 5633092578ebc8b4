using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>Core's psbt_tests.cpp for PSBT version 2: lock time computation, AddInput and AddOutput rules.</summary>
public sealed class PsbtVersion2Tests
{
    public static TheoryData<string, uint?> TimeLockCases => new()
    {
        { "cHNidP8BAgQCAAAAAQQBAQEFAQIB+wQCAAAAAAEOIAsK2SFBnByHGXNdctxzn56p4GONH+TB7vD5lECEgV/IAQ8EAAAAAAABAwgACK8vAAAAAAEEFgAUxDD2TEdW2jENvRoIVXLvKZkmJywAAQMIi73rCwAAAAABBBYAFE3Rk6yWSlasG54cyoRU/i9HT4UTAA==", 0u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAAAAQ4gOhs7PIN9ZInqejHY5sfdUDwAG+8+BpWOdXSAjWjKeKUBDwQAAAAAAAEDCE+TNXcAAAAAAQQWABQLE1LKzQPPaqG388jWOIZxs0peEQA=", 0u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEgQQJwAAAAEOIDobOzyDfWSJ6nox2ObH3VA8ABvvPgaVjnV0gI1oynilAQ8EAAAAAAABAwhPkzV3AAAAAAEEFgAUCxNSys0Dz2qht/PI1jiGcbNKXhEA", 10000u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEgQQJwAAAAEOIDobOzyDfWSJ6nox2ObH3VA8ABvvPgaVjnV0gI1oynilAQ8EAAAAAAESBCgjAAAAAQMIT5M1dwAAAAABBBYAFAsTUsrNA89qobfzyNY4hnGzSl4RAA==", 10000u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEgQQJwAAAAEOIDobOzyDfWSJ6nox2ObH3VA8ABvvPgaVjnV0gI1oynilAQ8EAAAAAAERBIyNxGIBEgQoIwAAAAEDCE+TNXcAAAAAAQQWABQLE1LKzQPPaqG388jWOIZxs0peEQA=", 10000u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEQSLjcRiARIEECcAAAABDiA6Gzs8g31kiep6Mdjmx91QPAAb7z4GlY51dICNaMp4pQEPBAAAAAABEQSMjcRiARIEKCMAAAABAwhPkzV3AAAAAAEEFgAUCxNSys0Dz2qht/PI1jiGcbNKXhEA", 10000u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEQSLjcRiAAEOIDobOzyDfWSJ6nox2ObH3VA8ABvvPgaVjnV0gI1oynilAQ8EAAAAAAERBIyNxGIBEgQoIwAAAAEDCE+TNXcAAAAAAQQWABQLE1LKzQPPaqG388jWOIZxs0peEQA=", 1657048460u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEQSLjcRiARIEECcAAAABDiA6Gzs8g31kiep6Mdjmx91QPAAb7z4GlY51dICNaMp4pQEPBAAAAAABEQSMjcRiAAEDCE+TNXcAAAAAAQQWABQLE1LKzQPPaqG388jWOIZxs0peEQA=", 1657048460u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAAAAQ4gOhs7PIN9ZInqejHY5sfdUDwAG+8+BpWOdXSAjWjKeKUBDwQAAAAAAREEjI3EYgABAwhPkzV3AAAAAAEEFgAUCxNSys0Dz2qht/PI1jiGcbNKXhEA", 1657048460u },
        { "cHNidP8BAgQCAAAAAQMEAAAAAAEEAQIBBQEBAfsEAgAAAAABDiAPdY2/vU2nwWyKMwnDyB4RAPVh6mRttbAXUsSF4b3enwEPBAEAAAABEgQQJwAAAAEOIDobOzyDfWSJ6nox2ObH3VA8ABvvPgaVjnV0gI1oynilAQ8EAAAAAAERBIyNxGIAAQMIT5M1dwAAAAABBBYAFAsTUsrNA89qobfzyNY4hnGzSl4RAA==", (uint?)null },
    };

    [Theory]
    [MemberData(nameof(TimeLockCases))]
    public void LockTimeIsTheLargestCompatibleRequirement(string base64, uint? expected)
    {
        Assert.True(PsbtEncoding.TryDecodeBase64(base64, out var psbt, out var error), error);
        Assert.Equal(expected, psbt.ComputeTimeLock());
        var tx = psbt.GetUnsignedTx();
        if (expected is null) Assert.Null(tx);
        else Assert.Equal(expected.Value, tx!.LockTime.Value);
    }

    [Fact]
    public void AddInputFollowsModifiableFlagAndLockTimeRules()
    {
        var psbt = new PartiallySignedTransaction(Network.Main.CreateTransaction(), 2) { TxModifiable = 0x01 };
        Assert.Empty(psbt.Inputs);

        Assert.False(psbt.AddInput(new PsbtInput(0, RandomUtils.GetUInt256(), 0)));
        var first = new PsbtInput(2, RandomUtils.GetUInt256(), 0);
        Assert.True(psbt.AddInput(first));
        Assert.False(psbt.AddInput(first));
        Assert.True(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0)));
        Assert.Equal(2, psbt.Inputs.Count);

        psbt.TxModifiable = 0x00;
        Assert.False(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0)));
        psbt.TxModifiable = 0x01;

        Assert.True(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0) { TimeLocktime = 500_000_000, HeightLocktime = 100 }));
        Assert.True(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0) { TimeLocktime = 500_000_001 }));
        Assert.Equal(4, psbt.Inputs.Count);
        // Only a height lock time is incompatible with the time-only input before.
        Assert.False(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0) { HeightLocktime = 100 }));

        // A signed input may be added (the lock time does not change)...
        var signed = new PsbtInput(2, RandomUtils.GetUInt256(), 0) { FinalScriptSig = new Script(OpcodeType.OP_1) };
        Assert.True(psbt.AddInput(signed));
        Assert.Equal(5, psbt.Inputs.Count);
        // ... but not one that is already there, whatever its signatures.
        signed.FinalScriptSig = Script.Empty;
        signed.FinalScriptWitness = [[]];
        Assert.False(psbt.AddInput(signed));

        // With a signature present, an input that would change the lock time is refused.
        Assert.False(psbt.AddInput(new PsbtInput(2, RandomUtils.GetUInt256(), 0) { TimeLocktime = 500_000_002 }));
        Assert.Equal(5, psbt.Inputs.Count);
    }

    [Fact]
    public void AddOutputNeedsTheOutputsModifiableFlag()
    {
        var psbt = new PartiallySignedTransaction(Network.Main.CreateTransaction(), 2) { TxModifiable = 0x02 };
        Assert.False(psbt.AddOutput(new PsbtOutput(0, 1, Script.Empty)));
        Assert.True(psbt.AddOutput(new PsbtOutput(2, 1, Script.Empty)));
        psbt.TxModifiable = 0x00;
        Assert.False(psbt.AddOutput(new PsbtOutput(2, 1, Script.Empty)));
        psbt.TxModifiable = 0x02;
        Assert.True(psbt.AddOutput(new PsbtOutput(2, 1, Script.Empty)));
        Assert.Equal(2, psbt.Outputs.Count);
    }

    [Fact]
    public void MergeKeepsProprietaryRecordsOfBothSides()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue)));
        tx.Outputs.Add(new TxOut(Money.Zero, Script.Empty));
        var left = new PartiallySignedTransaction(tx);
        var right = new PartiallySignedTransaction(tx);
        var l = Proprietary(1, 0x01, 0xaa);
        var r = Proprietary(2, 0x02, 0xbb);
        left.Proprietary.Add(l);
        left.Inputs[0].Proprietary.Add(l);
        left.Outputs[0].Proprietary.Add(l);
        right.Proprietary.Add(r);
        right.Inputs[0].Proprietary.Add(r);
        right.Outputs[0].Proprietary.Add(r);

        Assert.True(left.Merge(right));
        Assert.Equal(2, left.Proprietary.Count);
        Assert.Equal(2, left.Inputs[0].Proprietary.Count);
        Assert.Equal(2, left.Outputs[0].Proprietary.Count);
        Assert.True(left.Proprietary.TryGetValue(r, out var found) && found.Value.SequenceEqual(r.Value));
    }

    [Fact]
    public void MergeRefusesDifferentTransactionsAndVersions()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        var other = tx.Clone();
        other.LockTime = 5;
        Assert.False(new PartiallySignedTransaction(tx).Merge(new PartiallySignedTransaction(other)));
        Assert.False(new PartiallySignedTransaction(tx, 0).Merge(new PartiallySignedTransaction(tx, 2)));
        Assert.True(new PartiallySignedTransaction(tx, 0).Merge(new PartiallySignedTransaction(tx, 0)));
    }

    private static PsbtProprietary Proprietary(ulong subtype, byte keyData, byte value) =>
        new(subtype, "psbt"u8.ToArray(), [keyData], [value]);
}
