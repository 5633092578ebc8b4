using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;

namespace Bitcoin.Wallet.Init;

/// <summary>The wallet's part of the node's start-up checks (Core's WalletInit in wallet/init.cpp).</summary>
public static class WalletInit
{
    /// <summary>
    /// Option interactions (Core's WalletInit::ParameterInteraction): with -disablewallet every -wallet is ignored
    /// (and logged); -blocksonly turns -walletbroadcast off unless it was set. Never fails.
    /// </summary>
    public static bool ParameterInteraction(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.GetBoolArg("-disablewallet", false))
        {
            foreach (var wallet in args.GetArgs("-wallet"))
                Log.Info($"Parameter interaction: -disablewallet -> ignoring -wallet={wallet}");
            return true;
        }

        if (args.GetBoolArg("-blocksonly", false) && args.SoftSetBoolArg("-walletbroadcast", false))
            Log.Info("Parameter interaction: -blocksonly=1 -> setting -walletbroadcast=0");
        return true;
    }
}
