namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// Stack-size bookkeeping for a set of execution traces (Core's SatInfo): the largest net removal of stack elements
/// and the largest excess during execution. | is union of trace sets, + is concatenation.
/// </summary>
internal readonly record struct SatInfo(bool Valid, int NetDiff, int Exec)
{
    public static readonly SatInfo None = new(false, 0, 0);

    public static SatInfo Of(int netDiff, int exec) => new(true, netDiff, exec);

    public static SatInfo operator |(SatInfo a, SatInfo b)
    {
        if (!a.Valid) return b;
        if (!b.Valid) return a;
        return Of(Math.Max(a.NetDiff, b.NetDiff), Math.Max(a.Exec, b.Exec));
    }

    public static SatInfo operator +(SatInfo a, SatInfo b)
    {
        if (!a.Valid || !b.Valid) return None;
        return Of(a.NetDiff + b.NetDiff, Math.Max(b.Exec, b.NetDiff + a.Exec));
    }

    public static SatInfo Empty => Of(0, 0);
    public static SatInfo Push => Of(-1, 0);
    public static SatInfo Hash => Of(0, 0);
    public static SatInfo Nop => Of(0, 0);
    public static SatInfo If => Of(1, 1);
    public static SatInfo BinaryOp => Of(1, 1);
    public static SatInfo OpDup => Of(-1, 0);
    public static SatInfo OpIfDup(bool nonzero) => Of(nonzero ? -1 : 0, 0);
    public static SatInfo OpEqualVerify => Of(2, 2);
    public static SatInfo OpEqual => Of(1, 1);
    public static SatInfo OpSize => Of(-1, 0);
    public static SatInfo OpCheckSig => Of(1, 1);
    public static SatInfo Op0NotEqual => Of(0, 0);
    public static SatInfo OpVerify => Of(1, 1);
}
