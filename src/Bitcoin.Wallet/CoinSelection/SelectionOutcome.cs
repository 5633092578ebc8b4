namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// The outcome of a selection attempt (Core's util::Result&lt;SelectionResult&gt;): a result, or a failure with a
/// message; an empty message means plain "not enough funds".
/// </summary>
public readonly struct SelectionOutcome
{
    private SelectionOutcome(SelectionResult? result, string error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>The selection, or null on failure.</summary>
    public SelectionResult? Result { get; }

    /// <summary>Why it failed ("" for plain insufficient funds; empty on success).</summary>
    public string Error { get; }

    /// <summary>Whether a selection was found.</summary>
    public bool Success => Result is not null;

    /// <summary>Whether it failed with a specific message.</summary>
    public bool HasErrorMessage => Result is null && Error.Length != 0;

    /// <summary>A successful outcome.</summary>
    public static SelectionOutcome Of(SelectionResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), "");

    /// <summary>A failure with <paramref name="error"/> ("" for plain insufficient funds).</summary>
    public static SelectionOutcome Fail(string error = "") => new(null, error ?? "");

    /// <summary>Core's message when every selection exceeds the weight limit.</summary>
    public static SelectionOutcome MaxWeightExceeded() =>
        Fail("The inputs size exceeds the maximum weight. Please try sending a smaller amount or manually consolidating your wallet's UTXOs");
}
