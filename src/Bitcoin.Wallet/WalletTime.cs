using Bitcoin.Common.Util;

namespace Bitcoin.Wallet;

/// <summary>
/// The wallet's clock (Core's GetTime in the wallet): the process clock, which follows <c>setmocktime</c>. In one
/// process it is the node's; a separate wallet process receives the mock time through <see cref="global::Bitcoin.Interfaces.IChainClient.SetMockTime"/>.
/// </summary>
public static class WalletTime
{
    /// <summary>Seconds since the epoch (mocked if set).</summary>
    public static long Now => NodeClock.GetTime();

    /// <summary>Sets the mock time (0 turns it off).</summary>
    public static void SetMockTime(long unixSeconds) => NodeClock.SetMockTime(unixSeconds);
}
