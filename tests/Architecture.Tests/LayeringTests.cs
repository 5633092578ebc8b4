namespace Architecture.Tests;

/// <summary>
/// The layering rule of ARCHITECTURE.md (after Core's doc/design/libraries.md): Wallet and Node never reference each
/// other; Gui references neither; only Node references Kernel; only Bitcoin.Ipc and Apps reference Capnp/Multiprocess.
/// </summary>
public sealed class LayeringTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load(RepoRoot.Path);

    [Fact]
    public void SolutionHasTheProjectsOfTheArchitecture()
    {
        foreach (var p in new[] { "Capnp", "Capnp.Generator", "Multiprocess", "Bitcoin.Common", "Bitcoin.Interfaces",
                     "Bitcoin.Kernel", "Bitcoin.Node", "Bitcoin.Wallet", "Bitcoin.Gui", "Bitcoin.Ipc", "bitcoind" })
            Assert.Contains(p, Graph.Projects);
    }

    [Fact]
    public void WalletAndNodeNeverReachEachOther()
    {
        Assert.DoesNotContain("Bitcoin.Node", Graph.Closure("Bitcoin.Wallet"));
        Assert.DoesNotContain("Bitcoin.Wallet", Graph.Closure("Bitcoin.Node"));
    }

    [Fact]
    public void GuiReachesNeitherNodeNorWalletNorKernel()
    {
        var closure = Graph.Closure("Bitcoin.Gui");
        Assert.DoesNotContain("Bitcoin.Node", closure);
        Assert.DoesNotContain("Bitcoin.Wallet", closure);
        Assert.DoesNotContain("Bitcoin.Kernel", closure);
    }

    [Fact]
    public void OnlyNodeReferencesKernel()
    {
        var offenders = Graph.Projects.Where(p => p != "Bitcoin.Node" && Graph.DirectReferences(p).Contains("Bitcoin.Kernel"));
        Assert.Empty(offenders);
    }

    [Fact]
    public void OnlyIpcAndAppsReferenceTheIpcStack()
    {
        string[] ipcStack = ["Capnp", "Multiprocess", "Capnp.Generator"];
        var offenders = Graph.Projects
            .Where(p => !Graph.IsApp(p) && p != "Bitcoin.Ipc" && !ipcStack.Contains(p))
            .Where(p => Graph.DirectReferences(p).Overlaps(ipcStack));
        Assert.Empty(offenders);
    }

    [Fact]
    public void CapnpKnowsNothingOfBitcoin()
    {
        foreach (var p in new[] { "Capnp", "Multiprocess", "Capnp.Generator" })
            Assert.DoesNotContain(Graph.Closure(p), r => r.StartsWith("Bitcoin.", StringComparison.Ordinal));
    }

    [Fact]
    public void InterfacesDependOnlyOnCommon()
    {
        Assert.True(Graph.Closure("Bitcoin.Interfaces").IsSubsetOf(["Bitcoin.Common"]),
            "Bitcoin.Interfaces is the process boundary: plain C# over Bitcoin.Common, no node or wallet types.");
    }

    [Fact]
    public void KernelKnowsNothingOfTheProcessesAroundIt()
    {
        Assert.True(Graph.Closure("Bitcoin.Kernel").IsSubsetOf(["Bitcoin.Common"]));
    }
}
