using Bitcoin.Common.Args;

namespace Bitcoin.Wallet.Init;

/// <summary>
/// The wallet's options as Bitcoin Core registers them (wallet/init.cpp <c>AddWalletOptions</c>): same names, flags
/// and help categories. Pass <see cref="Register"/> to <c>NodeArgs.Register</c> in a process with a wallet.
/// </summary>
public static class WalletArgs
{
    private const string CurrencyUnit = "BTC";

    /// <summary>Registers -addresstype, -wallet, -walletdir, -disablewallet, -fallbackfee, -keypool, ... and the wallet debugging options.</summary>
    public static void Register(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        const OptionsCategory c = OptionsCategory.Wallet;
        const ArgFlags any = ArgFlags.AllowAny;
        const string outputTypes = "\"legacy\", \"p2sh-segwit\", \"bech32\", \"bech32m\"";
        args.AddArg("-addresstype", $"Address type of new receiving addresses ({outputTypes}; default: \"bech32\")", any, c);
        args.AddArg("-avoidpartialspends", "Spend all outputs to an address together or none of them, for privacy at a possible cost in fees; always on for wallets with avoid_reuse (default: 0)", any, c);
        args.AddArg("-changetype", $"Address type of change outputs ({outputTypes}; default: \"legacy\" with -addresstype=legacy, otherwise chosen by the wallet)", any, c);
        args.AddArg("-consolidatefeerate=<amt>", $"Highest fee rate ({CurrencyUnit}/kvB) at which the wallet spends more inputs than needed to consolidate its outputs (default: 0.0001)", any, c);
        args.AddArg("-disablewallet", "Load no wallet and disable the wallet RPCs", any, c);
        args.AddArg("-discardfee=<amt>", $"Fee rate ({CurrencyUnit}/kvB) up to which change may be dropped into the fee; change that is dust at this rate is dropped (default: 0.0001)", any, c);
        args.AddArg("-fallbackfee=<amt>", $"Fee rate ({CurrencyUnit}/kvB) used when fee estimation has too little data; 0 disables it (default: 0.00)", any, c);
        args.AddArg("-keypool=<n>", "Keys kept ahead in the key pool (default: 1000); fewer makes restoring an old backup riskier", any, c);
        args.AddArg("-maxapsfee=<n>", $"Extra absolute fee ({CurrencyUnit}) the wallet may pay to avoid partial spends (default: 0.00)", any, c);
        args.AddArg("-maxtxfee=<amt>", $"Largest total fee ({CurrencyUnit}) of a wallet transaction; too low may refuse large transactions (default: 0.10)", any, OptionsCategory.DebugTest);
        args.AddArg("-mintxfee=<amt>", $"Fee rates ({CurrencyUnit}/kvB) below this count as no fee when creating transactions (default: 0.00001)", any, c);
        args.AddArg("-signer=<cmd>", "External signing tool (see doc/external-signer.md)", any, c);
        args.AddArg("-spendzeroconfchange", "Spend unconfirmed change (default: 1)", any, c);
        args.AddArg("-txconfirmtarget=<n>", "Pay enough fee to confirm within <n> blocks on average (default: 6)", any, c);
        args.AddArg("-wallet=<path>", "Load this existing wallet at start-up, a directory relative to -walletdir unless absolute (or an old top-level wallet file); may be given several times", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-walletbroadcast", "Broadcast the wallet's transactions (default: 1)", any, c);
        args.AddArg("-walletdir=<dir>", "Keep wallets in <dir> (default: <datadir>/wallets if it exists, else <datadir>)", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-walletnotify=<cmd>", "Run <cmd> when a wallet transaction changes: %s becomes the txid, %w the wallet name, %b the block hash or 'unconfirmed', %h the height or -1 (do not quote %w)", any, c);
        args.AddArg("-walletrbf", "Deprecated: signal replaceability (BIP125) in new transactions (default: 1)", any, c);
        args.AddArg("-unsafesqlitesync", "Do not wait for SQLite writes to reach the disk (synchronous=OFF); risks losing or corrupting wallets, for tests only (default: 0)", any | ArgFlags.DebugOnly, OptionsCategory.WalletDebugTest);
        args.AddArg("-walletrejectlongchains", "Refuse to create transactions that break mempool chain limits (default: 1)", any | ArgFlags.DebugOnly, OptionsCategory.WalletDebugTest);
        args.AddArg("-walletcrosschain", "Allow a wallet file to be used on another chain (default: 0)", any | ArgFlags.DebugOnly, OptionsCategory.WalletDebugTest);
    }
}
