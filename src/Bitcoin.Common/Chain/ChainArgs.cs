using Bitcoin.Common.Args;

namespace Bitcoin.Common.Chain;

/// <summary>The chain selection options every executable accepts (Core's <c>SetupChainParamsBaseOptions</c>).</summary>
public static class ChainArgs
{
    /// <summary>Registers -chain, -regtest, -testnet, -testnet4, -signet, -signetchallenge, -signetseednode, -testactivationheight and -vbparams.</summary>
    public static void Register(ArgsManager args)
    {
        args.AddArg("-chain=<chain>", $"Run on chain <chain> (default: main). One of: {ChainTypeNames.ListChainNames}", ArgFlags.AllowAny, OptionsCategory.ChainParams);
        args.AddArg("-regtest", "Run a private regression test chain where blocks are mined instantly; for testing and development. Same as -chain=regtest.", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.ChainParams);
        args.AddArg("-testactivationheight=name@height.", "Activate deployment 'name' (segwit, bip34, dersig, cltv, csv) at this height (test chains only)", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.DebugTest);
        args.AddArg("-testnet", "Run on testnet3 (deprecated, to be removed; prefer -testnet4). Same as -chain=test.", ArgFlags.AllowAny, OptionsCategory.ChainParams);
        args.AddArg("-testnet4", "Run on testnet4. Same as -chain=testnet4.", ArgFlags.AllowAny, OptionsCategory.ChainParams);
        args.AddArg("-vbparams=deployment:start:end[:min_activation_height]", "Override start and end times and minimum activation height of a version bits deployment (test chains only)", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.ChainParams);
        args.AddArg("-signet", "Run on signet. Same as -chain=signet; the network is the one -signetchallenge defines.", ArgFlags.AllowAny, OptionsCategory.ChainParams);
        args.AddArg("-signetchallenge", "Script that signet blocks must satisfy (signet only; default: the public signet's challenge)", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.ChainParams);
        args.AddArg("-signetseednode", "Seed node of the signet network as host[:port], e.g. sig.net:1234 (signet only; may be given several times; default: the public signet's seeds)", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.ChainParams);
    }
}
