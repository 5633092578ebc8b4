using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Tests.Policy;

// Core's feefrac_tests (CompareChunks) facts: diagrams compare point by point, the longer one continuing flat.
public class FeeDiagramTests
{
    private static readonly FeeFrac Empty = default;
    private static readonly FeeFrac P1 = new(1000, 100);
    private static readonly FeeFrac P2 = new(500, 300);

    [Fact]
    public void EqualDiagramsCompareEqual()
    {
        Assert.Equal(0, FeeDiagram.CompareChunks([], []));
        Assert.Equal(0, FeeDiagram.CompareChunks([P1, P2], [P1, P2]));
    }

    [Fact]
    public void MoreFeeAtTheSameSizeIsBetter()
    {
        Assert.Equal(1, FeeDiagram.CompareChunks([new FeeFrac(1001, 100)], [P1]));
        Assert.Equal(-1, FeeDiagram.CompareChunks([P1], [new FeeFrac(1001, 100)]));
    }

    [Fact]
    public void ExtraChunkWithPositiveFeeIsBetterAndZeroFeeIsEqual()
    {
        Assert.Equal(1, FeeDiagram.CompareChunks([P1, P2], [P1]));
        Assert.Equal(0, FeeDiagram.CompareChunks([P1, new FeeFrac(0, 100)], [P1]));
    }

    [Fact]
    public void CrossingDiagramsAreIncomparable()
    {
        // Higher at first, lower later.
        var high = new[] { new FeeFrac(1100, 100) };
        var longer = new[] { P1, new FeeFrac(500, 100) };
        Assert.Null(FeeDiagram.CompareChunks(high, longer));
        Assert.Null(FeeDiagram.CompareChunks(longer, high));
    }

    [Fact]
    public void EmptyChunkListIsWorseThanAnyPositiveFee()
    {
        Assert.Equal(-1, FeeDiagram.CompareChunks([], [P1]));
        Assert.True(Empty.IsEmpty);
    }
}
