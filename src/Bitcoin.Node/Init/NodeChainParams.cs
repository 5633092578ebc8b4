using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;

namespace Bitcoin.Node.Init;

/// <summary>Builds the selected chain's parameters from the arguments (Core's <c>CreateChainParams</c>).</summary>
public static class NodeChainParams
{
    /// <summary>
    /// The parameters of <paramref name="chain"/> with the options Core reads for it: <c>-testactivationheight</c> and
    /// <c>-vbparams</c> on every chain, <c>-signetchallenge</c> and <c>-signetseednode</c> on signet, <c>-fastprune</c>
    /// and <c>-test=bip94</c> on regtest. Throws <see cref="FormatException"/> with Core's message for a malformed value.
    /// </summary>
    public static ChainParams Create(ArgsManager args, ChainType chain)
    {
        ArgumentNullException.ThrowIfNull(args);
        var signet = chain == ChainType.Signet;
        var regtest = chain == ChainType.Regtest;
        var options = ChainParamsOptions.FromArgumentValues(
            args.GetArgs("-testactivationheight"),
            args.GetArgs("-vbparams"),
            signetChallenges: signet ? args.GetArgs("-signetchallenge") : null,
            signetSeedNodes: signet ? args.GetArgs("-signetseednode") : null,
            fastPrune: regtest && args.GetBoolArg("-fastprune", false),
            enforceBip94: regtest && ArgsHelp.HasTestOption(args, "bip94"));
        foreach (var (deployment, parameters) in options.VersionBitsParameters)
        {
            Log.Info($"Setting version bits activation parameters for {DeploymentInfo.Name(deployment)} to start={parameters.StartTime}, " +
                     $"timeout={parameters.Timeout}, min_activation_height={parameters.MinActivationHeight}");
        }

        return ChainParams.Create(chain, options);
    }
}
