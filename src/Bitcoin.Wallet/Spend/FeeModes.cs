namespace Bitcoin.Wallet.Spend;

/// <summary>Core's estimate_mode names and messages (common/messages.cpp).</summary>
public static class FeeModes
{
    private static readonly (string Name, FeeEstimateMode Mode)[] s_modes =
    [
        ("unset", FeeEstimateMode.Unset),
        ("economical", FeeEstimateMode.Economical),
        ("conservative", FeeEstimateMode.Conservative),
    ];

    /// <summary>Core's FeeModeFromString: case-insensitive.</summary>
    public static bool TryParse(string text, out FeeEstimateMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (name, m) in s_modes)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                mode = m;
                return true;
            }
        }
        mode = FeeEstimateMode.Unset;
        return false;
    }

    /// <summary>Core's InvalidEstimateModeErrorMessage.</summary>
    public static string InvalidModeMessage => "Invalid estimate_mode parameter, must be one of: \"" + string.Join("\", \"", s_modes.Select(m => m.Name)) + "\"";

    /// <summary>The list of modes with what each does, for help texts.</summary>
    public static string Detail(string unsetMeaning) =>
        string.Join(", ", s_modes.Select(m => m.Name)) + " \n" +
        $"unset: no mode ({unsetMeaning}). \n" +
        "economical: may give a lower fee rate estimate.\n" +
        "conservative: may give a higher fee rate estimate.\n";
}
