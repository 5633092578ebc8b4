using Bitcoin.Common.Addresses;
using Bitcoin.Common.Args;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Internal;
using NBitcoin;

namespace Bitcoin.Wallet;

/// <summary>
/// The wallet settings read from the options (Core's <c>CWallet::LoadWalletArgs</c>): address types, fee rates and
/// limits, key pool size, broadcast and notification. Shared by every wallet of a process.
/// </summary>
public sealed record WalletOptions
{
    /// <summary>Core's DEFAULT_KEYPOOL_SIZE.</summary>
    public const int DefaultKeypoolSize = 1000;

    /// <summary>Core's HIGH_TX_FEE_PER_KB (0.01 BTC/kvB), above which fee options draw a warning.</summary>
    public const long HighTxFeePerKb = 1_000_000;

    /// <summary>The receiving address type (-addresstype, default bech32).</summary>
    public OutputType DefaultAddressType { get; init; } = OutputType.Bech32;

    /// <summary>The change address type (-changetype), or null for the wallet's choice.</summary>
    public OutputType? DefaultChangeType { get; init; }

    /// <summary>Fee rates below this count as zero when creating transactions (-mintxfee, default 1000 sat/kvB).</summary>
    public FeeRate MinFee { get; init; } = new(Money.Satoshis(1000));

    /// <summary>The fee rate used when estimation has no data (-fallbackfee, default 0: none).</summary>
    public FeeRate FallbackFee { get; init; } = new(Money.Zero);

    /// <summary>True when a fallback fee is set (non-zero).</summary>
    public bool AllowFallbackFee => FallbackFee.FeePerK != Money.Zero;

    /// <summary>Change below dust at this rate is dropped into the fee (-discardfee, default 10000 sat/kvB).</summary>
    public FeeRate DiscardRate { get; init; } = new(Money.Satoshis(10_000));

    /// <summary>Up to this rate extra inputs may be consolidated (-consolidatefeerate, default 10000 sat/kvB).</summary>
    public FeeRate ConsolidateFeeRate { get; init; } = new(Money.Satoshis(10_000));

    /// <summary>Extra fee allowed for partial spend avoidance (-maxapsfee; -1 disables it).</summary>
    public long MaxApsFee { get; init; }

    /// <summary>The largest fee of one transaction (-maxtxfee, default 0.1 BTC).</summary>
    public long DefaultMaxTxFee { get; init; } = 10_000_000;

    /// <summary>The default confirmation target (-txconfirmtarget, default 6).</summary>
    public uint ConfirmTarget { get; init; } = 6;

    /// <summary>Spend unconfirmed change (-spendzeroconfchange, default true).</summary>
    public bool SpendZeroConfChange { get; init; } = true;

    /// <summary>Signal BIP125 replaceability (-walletrbf, deprecated, default true).</summary>
    public bool SignalRbf { get; init; } = true;

    /// <summary>Positions derived ahead (-keypool, at least 1).</summary>
    public long KeypoolSize { get; init; } = DefaultKeypoolSize;

    /// <summary>Command run when a wallet transaction changes (-walletnotify).</summary>
    public string WalletNotify { get; init; } = "";

    /// <summary>Broadcast transactions (-walletbroadcast, default true).</summary>
    public bool BroadcastTransactions { get; init; } = true;

    /// <summary>Refuse to create transactions breaking mempool chain limits (-walletrejectlongchains, default true).</summary>
    public bool RejectLongChains { get; init; } = true;

    /// <summary>Average partial spends (-avoidpartialspends).</summary>
    public bool AvoidPartialSpends { get; init; }

    /// <summary>Allow a wallet file to be used on another chain (-walletcrosschain).</summary>
    public bool CrossChain { get; init; }

    /// <summary>
    /// Reads the options as Core's LoadWalletArgs does; returns null with Core's message in <paramref name="error"/>
    /// for an invalid value. <paramref name="relayMinFee"/> (the node's) bounds -maxtxfee.
    /// </summary>
    public static WalletOptions? FromArgs(ArgsManager args, FeeRate? relayMinFee, List<BilingualString> warnings, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(warnings);
        error = "";
        var options = new WalletOptions();

        var addressType = args.GetArg("-addresstype", "");
        if (addressType.Length > 0)
        {
            if (OutputTypes.Parse(addressType) is not { } parsed)
            {
                error = $"Unknown address type '{addressType}'";
                return null;
            }

            options = options with { DefaultAddressType = parsed };
        }

        var changeType = args.GetArg("-changetype", "");
        if (changeType.Length > 0)
        {
            if (OutputTypes.Parse(changeType) is not { } parsed)
            {
                error = $"Unknown change type '{changeType}'";
                return null;
            }

            options = options with { DefaultChangeType = parsed };
        }

        if (args.GetArg("-mintxfee") is { } minTxFee)
        {
            if (MoneyParser.Parse(minTxFee) is not { } value)
            {
                error = $"Invalid amount for -mintxfee=<amount>: '{minTxFee}'";
                return null;
            }

            if (value > HighTxFeePerKb)
                warnings.Add(BilingualString.Untranslated("-mintxfee is set very high! This is the minimum transaction fee you pay on every transaction."));
            options = options with { MinFee = new FeeRate(Money.Satoshis(value)) };
        }

        if (args.GetArg("-maxapsfee") is { } maxApsFee)
        {
            if (maxApsFee == "-1")
            {
                options = options with { MaxApsFee = -1 };
            }
            else if (MoneyParser.Parse(maxApsFee) is { } value)
            {
                if (value > 10_000)
                    warnings.Add(BilingualString.Untranslated("-maxapsfee is set very high! This is the maximum transaction fee you pay (in addition to the normal fee) to prioritize partial spend avoidance over regular coin selection."));
                options = options with { MaxApsFee = value };
            }
            else
            {
                error = $"Invalid amount for -maxapsfee=<amount>: '{maxApsFee}'";
                return null;
            }
        }

        if (args.GetArg("-fallbackfee") is { } fallbackFee)
        {
            if (MoneyParser.Parse(fallbackFee) is not { } value)
            {
                error = $"Invalid amount for -fallbackfee=<amount>: '{fallbackFee}'";
                return null;
            }

            if (value > HighTxFeePerKb)
                warnings.Add(BilingualString.Untranslated("-fallbackfee is set very high! This is the transaction fee you may pay when fee estimates are not available."));
            options = options with { FallbackFee = new FeeRate(Money.Satoshis(value)) };
        }

        if (args.GetArg("-discardfee") is { } discardFee)
        {
            if (MoneyParser.Parse(discardFee) is not { } value)
            {
                error = $"Invalid amount for -discardfee=<amount>: '{discardFee}'";
                return null;
            }

            if (value > HighTxFeePerKb)
                warnings.Add(BilingualString.Untranslated("-discardfee is set very high! This is the transaction fee you may discard if change is smaller than dust at this level"));
            options = options with { DiscardRate = new FeeRate(Money.Satoshis(value)) };
        }

        if (args.GetArg("-maxtxfee") is { } maxTxFee)
        {
            if (MoneyParser.Parse(maxTxFee) is not { } value)
            {
                error = $"Invalid amount for -maxtxfee=<amount>: '{maxTxFee}'";
                return null;
            }

            if (value > 100 * HighTxFeePerKb)
                warnings.Add(BilingualString.Untranslated("-maxtxfee is set very high! Fees this large could be paid on a single transaction."));
            if (relayMinFee is not null && new FeeRate(Money.Satoshis(value), 1000) < relayMinFee)
            {
                error = $"Invalid amount for -maxtxfee=<amount>: '{maxTxFee}' (must be at least the minrelay fee of {FormatFeeRate(relayMinFee)} to prevent stuck transactions)";
                return null;
            }

            options = options with { DefaultMaxTxFee = value };
        }

        if (args.GetArg("-consolidatefeerate") is { } consolidate)
        {
            if (MoneyParser.Parse(consolidate) is not { } value)
            {
                error = $"Invalid amount for -consolidatefeerate=<amount>: '{consolidate}'";
                return null;
            }

            options = options with { ConsolidateFeeRate = new FeeRate(Money.Satoshis(value)) };
        }

        if (relayMinFee is not null && relayMinFee.FeePerK.Satoshi > HighTxFeePerKb)
            warnings.Add(BilingualString.Untranslated("-minrelaytxfee is set very high! The wallet will avoid paying less than the minimum relay fee."));

        options = options with
        {
            ConfirmTarget = (uint)Math.Clamp(args.GetIntArg("-txconfirmtarget", 6), 0, uint.MaxValue),
            SpendZeroConfChange = args.GetBoolArg("-spendzeroconfchange", true),
            KeypoolSize = Math.Max(args.GetIntArg("-keypool", DefaultKeypoolSize), 1),
            WalletNotify = args.GetArg("-walletnotify", ""),
            BroadcastTransactions = args.GetBoolArg("-walletbroadcast", true),
            RejectLongChains = args.GetBoolArg("-walletrejectlongchains", true),
            AvoidPartialSpends = args.GetBoolArg("-avoidpartialspends", false),
            CrossChain = args.GetBoolArg("-walletcrosschain", false),
        };
        if (args.GetBoolArg("-walletrbf") is { } rbf)
        {
            warnings.Add(BilingualString.Untranslated("-walletrbf is deprecated and will be fully removed in the next release."));
            options = options with { SignalRbf = rbf };
        }

        return options;
    }

    /// <summary>Core's CFeeRate::ToString: "0.00001000 BTC/kvB".</summary>
    public static string FormatFeeRate(FeeRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        long sat = rate.FeePerK.Satoshi;
        return $"{sat / 100_000_000}.{Math.Abs(sat % 100_000_000):D8} BTC/kvB";
    }
}
