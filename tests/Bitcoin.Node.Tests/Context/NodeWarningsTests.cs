using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Tests.Context;

public sealed class NodeWarningsTests
{
    [Fact]
    public void EachConditionIsListedOnceKernelWarningsFirst()
    {
        var warnings = new NodeWarnings();
        var changes = 0;
        warnings.Changed += () => changes++;

        Assert.True(warnings.Set(NodeWarning.FatalInternalError, "fatal"));
        Assert.True(warnings.Set(KernelWarning.LargeWorkInvalidChain, "fork"));
        Assert.False(warnings.Set(KernelWarning.LargeWorkInvalidChain, "other text"));

        Assert.Equal(["fork", "fatal"], warnings.GetMessages());
        Assert.Equal(2, changes);
    }

    [Fact]
    public void UnsetRemovesOnlyThatCondition()
    {
        var warnings = new NodeWarnings();
        warnings.Set(KernelWarning.UnknownNewRulesActivated, "rules");
        warnings.Set(NodeWarning.FatalInternalError, "fatal");

        Assert.True(warnings.Unset(KernelWarning.UnknownNewRulesActivated));
        Assert.False(warnings.Unset(KernelWarning.UnknownNewRulesActivated));

        Assert.Equal(["fatal"], warnings.GetMessages());
    }
}
