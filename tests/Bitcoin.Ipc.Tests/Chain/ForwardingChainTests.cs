using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;

namespace Bitcoin.Ipc.Tests.Chain;

/// <summary>
/// <see cref="ForwardingChain"/>, the base of the chain decorators of bitcoin-node's wallet process and of an attached
/// bitcoin-wallet: every member reaches the inner chain with the same arguments and gives back what it gave, and every
/// member can be overridden.
/// </summary>
public sealed class ForwardingChainTests
{
    public static TheoryData<string> Members() => [.. ChainMemberCases.All.Keys];

    [Theory]
    [MemberData(nameof(Members))]
    public void MemberIsPassedToTheInnerChainUnchanged(string member)
    {
        var call = ChainMemberCases.All[member];
        var direct = new FakeChain();
        var expected = Canon.Of(call(direct));

        var inner = new FakeChain();
        var actual = Canon.Of(call(new PassThrough(inner)));

        Assert.Equal(expected, actual);
        Assert.Equal(direct.Calls, inner.Calls);
    }

    [Fact]
    public void EveryMemberCanBeOverridden()
    {
        var map = typeof(ForwardingChain).GetInterfaceMap(typeof(IChain));
        var sealedOrFixed = map.TargetMethods.Where(m => !m.IsVirtual || m.IsFinal).Select(m => m.Name).ToList();
        Assert.Empty(sealedOrFixed);
        Assert.Equal(typeof(IChain).GetMethods().Length, map.TargetMethods.Count(m => m.DeclaringType == typeof(ForwardingChain)));
    }

    private sealed class PassThrough(IChain inner) : ForwardingChain(inner);
}
