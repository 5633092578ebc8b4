using Bitcoin.Interfaces;

namespace Bitcoin.Wallet;

public sealed partial class WalletContext
{
    private readonly Lock _resendLock = new();
    private readonly Dictionary<DescriptorWallet, long> _nextResend = [];
    private Timer? _resendTimer;
    private long _mockForwardSeconds;

    private void StartResendTimer()
    {
        lock (_resendLock)
            _resendTimer ??= new Timer(_ => MaybeResendWalletTxs(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private void StopResendTimer()
    {
        lock (_resendLock)
        {
            _resendTimer?.Dispose();
            _resendTimer = null;
        }
    }

    /// <summary>
    /// Applies a new mock time (setmocktime reaching the wallet, Core's chain client setMockTime): the wallet clock
    /// follows it, and wallets unlocked by walletpassphrase whose timeout the mock time has passed lock again, as they
    /// would after that much real time. 0 returns to the real clock and locks nothing.
    /// </summary>
    public void SetMockTime(long time)
    {
        WalletTime.SetMockTime(time);
        if (time == 0) return;
        foreach (var wallet in GetWallets()) wallet.RelockIfDue(time);
    }

    /// <summary>Runs the periodic tasks as if <paramref name="seconds"/> had passed (for mockscheduler).</summary>
    public void MockForward(long seconds)
    {
        Interlocked.Add(ref _mockForwardSeconds, seconds);
        // The rebroadcast check runs every minute: run it once per simulated minute, at least once.
        MaybeResendWalletTxs();
    }

    /// <summary>
    /// Rebroadcasts each wallet's unconfirmed transactions at a random time 12 to 36 hours after the last time (Core's
    /// MaybeResendWalletTxs), when the node is ready to broadcast.
    /// </summary>
    public void MaybeResendWalletTxs()
    {
        long now = WalletTime.Now + Interlocked.Read(ref _mockForwardSeconds);
        foreach (var wallet in GetWallets())
        {
            long next;
            lock (_resendLock)
            {
                if (!_nextResend.TryGetValue(wallet, out next))
                    _nextResend[wallet] = next = DefaultNextResend(now);
            }

            if (!wallet.Options.BroadcastTransactions || !Chain.IsReadyToBroadcast() || now < next) continue;
            wallet.ResubmitWalletTransactions(TxBroadcastMethod.MempoolAndBroadcastToAll, force: false);
            lock (_resendLock) _nextResend[wallet] = DefaultNextResend(now);
        }
    }

    // Rebroadcast at a random moment so peers cannot tell the wallet's transactions by their timing.
    private static long DefaultNextResend(long now) => now + (12 * 3600) + Random.Shared.NextInt64(24 * 3600);
}
