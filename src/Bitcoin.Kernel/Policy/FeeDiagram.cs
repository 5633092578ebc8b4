namespace Bitcoin.Kernel.Policy;

/// <summary>Comparison of fee rate diagrams (Core's CompareChunks in util/feefrac.cpp), used by replace-by-fee.</summary>
public static class FeeDiagram
{
    /// <summary>
    /// Compares the diagrams implied by two lists of chunks, each sorted by decreasing fee rate. A diagram starts at
    /// (0, 0), goes through the cumulative (size, fee) after each chunk and then continues horizontally. Returns 1
    /// when <paramref name="chunks0"/> is at least as good everywhere and better somewhere, -1 for the reverse, 0 when
    /// equal and null when each is better somewhere (incomparable).
    /// </summary>
    public static int? CompareChunks(IReadOnlyList<FeeFrac> chunks0, IReadOnlyList<FeeFrac> chunks1)
    {
        ArgumentNullException.ThrowIfNull(chunks0);
        ArgumentNullException.ThrowIfNull(chunks1);
        var chunks = new[] { chunks0, chunks1 };
        var next = new int[2];
        var accumulated = new FeeFrac[2];
        var betterSomewhere = new bool[2];

        FeeFrac NextPoint(int side) => chunks[side][next[side]] + accumulated[side];
        void Advance(int side) => accumulated[side] += chunks[side][next[side]++];

        while (true)
        {
            bool done0 = next[0] == chunks[0].Count;
            bool done1 = next[1] == chunks[1].Count;
            if (done0 && done1) break;

            // The side whose next point comes first (the only side left, if one is finished).
            int side = done0 || done1 ? (done0 ? 1 : 0) : (NextPoint(0).Size > NextPoint(1).Size ? 1 : 0);
            int other = 1 - side;
            var pointP = NextPoint(side);
            var pointA = accumulated[other];
            var slopeAp = pointP - pointA;
            int cmp;
            if (done0 || done1)
            {
                // Past its last point a diagram is horizontal.
                cmp = FeeFrac.CompareRatio(slopeAp, new FeeFrac(0, 1));
            }
            else
            {
                var pointB = NextPoint(other);
                var slopeAb = pointB - pointA;
                cmp = FeeFrac.CompareRatio(slopeAp, slopeAb);
                if (pointB.Size == pointP.Size) Advance(other);
            }
            if (cmp > 0) betterSomewhere[side] = true;
            if (cmp < 0) betterSomewhere[other] = true;
            Advance(side);
            if (betterSomewhere[0] && betterSomewhere[1]) return null;
        }
        return betterSomewhere[0].CompareTo(betterSomewhere[1]);
    }
}
