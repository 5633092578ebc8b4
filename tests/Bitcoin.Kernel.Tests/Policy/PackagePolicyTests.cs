using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Policy;

public class PackagePolicyTests
{
    // Core's txpackage_tests package_hash_tests: three real transactions, wtxids sorted by their hex form.
    private const string Tx1 = "02000000000101964b8aa63509579ca6086e6012eeaa4c2f4dd1e283da29b67c8eea38b3c6fd220000000000fdffffff0294c618000000000017a9145afbbb42f4e83312666d0697f9e66259912ecde38768fa2c0000000000160014897388a0889390fd0e153a22bb2cf9d8f019faf50247304402200547406380719f84d68cf4e96cc3e4a1688309ef475b150be2b471c70ea562aa02206d255f5acc40fd95981874d77201d2eb07883657ce1c796513f32b6079545cdf0121023ae77335cefcb5ab4c1dc1fb0d2acfece184e593727d7d5906c78e564c7c11d125cf0c00";
    private const string Tx2 = "01000000010b26e9b7735eb6aabdf358bab62f9816a21ba9ebdb719d5299e88607d722c190000000008b4830450220070aca44506c5cef3a16ed519d7c3c39f8aab192c4e1c90d065f37b8a4af6141022100a8e160b856c2d43d27d8fba71e5aef6405b8643ac4cb7cb3c462aced7f14711a0141046d11fee51b0e60666d5049a9101a72741df480b96ee26488a4d3466b95c9a40ac5eeef87e10a5cd336c19a84565f80fa6c547957b7700ff4dfbdefe76036c339ffffffff021bff3d11000000001976a91404943fdd508053c75000106d3bc6e2754dbcff1988ac2f15de00000000001976a914a266436d2965547608b9e15d9032a7b9d64fa43188ac00000000";
    private const string Tx3 = "0200000000010177862801f77c2c068a70372b4c435ef8dd621291c36a64eb4dd491f02218f5324600000000fdffffff014a0100000000000022512035ea312034cfac01e956a269f3bf147f569c2fbb00180677421262da042290d803402be713325ff285e66b0380f53f2fae0d0fb4e16f378a440fed51ce835061437566729d4883bc917632f3cff474d6384bc8b989961a1d730d4a87ed38ad28bd337b20f1d658c6c138b1c312e072b4446f50f01ae0da03a42e6274f8788aae53416a7fac0063036f7264010118746578742f706c61696e3b636861727365743d7574662d3800357b2270223a226272632d3230222c226f70223a226d696e74222c227469636b223a224342414c222c22616d74223a2236393639227d6821c1f1d658c6c138b1c312e072b4446f50f01ae0da03a42e6274f8788aae53416a7f00000000";

    [Fact]
    public void PackageHashSortsWtxidsByHexAndIgnoresOrder()
    {
        var txs = new[] { Tx1, Tx2, Tx3 }.Select(h => Transaction.Parse(h, Network.Main)).ToArray();
        Assert.Equal(uint256.Parse("85cd1a31eb38f74ed5742ec9cb546712ab5aaf747de28a9168b53e846cbda17f"), txs[0].GetWitHash());
        Assert.Equal(uint256.Parse("b4749f017444b051c44dfd2720e88f314ff94f3dd6d56d40ef65854fcd7fff6b"), txs[1].GetWitHash());
        Assert.Equal(uint256.Parse("e065bac15f62bb4e761d761db928ddee65a47296b2b776785abb912cdec474e3"), txs[2].GetWitHash());

        // SHA256 of wtxid1 || wtxid2 || wtxid3 as serialized (little-endian bytes).
        var expected = new uint256(System.Security.Cryptography.SHA256.HashData(
            txs.SelectMany(t => t.GetWitHash().ToBytes()).ToArray()));
        foreach (var order in new[] { new[] { 0, 1, 2 }, [0, 2, 1], [1, 2, 0], [1, 0, 2], [2, 0, 1], [2, 1, 0] })
        {
            Assert.Equal(expected, PackagePolicy.GetPackageHash(order.Select(i => txs[i])));
        }
    }

    [Fact]
    public void WellFormedPackageChecksCountDuplicatesOrderAndConflicts()
    {
        var parent = Spend(new OutPoint(RandomHash(), 0));
        var child = Spend(new OutPoint(parent, 0));
        var state = new PackageValidationState();
        Assert.True(PackagePolicy.IsWellFormedPackage([parent, child], state));

        state = new PackageValidationState();
        Assert.False(PackagePolicy.IsWellFormedPackage([child, parent], state));
        Assert.Equal("package-not-sorted", state.RejectReason);

        state = new PackageValidationState();
        Assert.False(PackagePolicy.IsWellFormedPackage([parent, parent], state));
        Assert.Equal("package-contains-duplicates", state.RejectReason);

        var sibling = Spend(parent.Inputs[0].PrevOut);
        state = new PackageValidationState();
        Assert.False(PackagePolicy.IsWellFormedPackage([parent, sibling], state));
        Assert.Equal("conflict-in-package", state.RejectReason);

        state = new PackageValidationState();
        var many = Enumerable.Range(0, PolicyConstants.MaxPackageCount + 1).Select(_ => Spend(new OutPoint(RandomHash(), 0))).ToList();
        Assert.False(PackagePolicy.IsWellFormedPackage(many, state));
        Assert.Equal("package-too-many-transactions", state.RejectReason);
        Assert.Equal(PackageValidationResult.Policy, state.Result);
    }

    [Fact]
    public void ChildWithParentsTreeRejectsParentsSpendingEachOther()
    {
        var grandparent = Spend(new OutPoint(RandomHash(), 0));
        var parent = Spend(new OutPoint(grandparent, 0));
        var child = Spend(new OutPoint(grandparent, 1), new OutPoint(parent, 0));
        Assert.True(PackagePolicy.IsChildWithParents([grandparent, parent, child]));
        Assert.False(PackagePolicy.IsChildWithParentsTree([grandparent, parent, child]));
        Assert.False(PackagePolicy.IsChildWithParents([child]));
    }

    private static uint256 RandomHash() => new(RandomUtils.GetBytes(32));

    private static Transaction Spend(params OutPoint[] prevouts)
    {
        var tx = Network.RegTest.CreateTransaction();
        foreach (var prevout in prevouts) tx.Inputs.Add(new TxIn(prevout));
        tx.Outputs.Add(new TxOut(Money.Coins(1), new Key().PubKey.WitHash.ScriptPubKey));
        tx.Outputs.Add(new TxOut(Money.Coins(1), new Key().PubKey.WitHash.ScriptPubKey));
        return tx;
    }
}
