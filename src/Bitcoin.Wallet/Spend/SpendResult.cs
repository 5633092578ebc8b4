namespace Bitcoin.Wallet.Spend;

/// <summary>A value or Core's error message (util::Result for the spending code).</summary>
public readonly struct SpendResult<T> where T : class
{
    private SpendResult(T? value, string error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, or null on failure.</summary>
    public T? Value { get; }

    /// <summary>The error message ("" on success).</summary>
    public string Error { get; }

    /// <summary>Whether there is a value.</summary>
    public bool Success => Value is not null;

    /// <summary>A success.</summary>
    public static SpendResult<T> Of(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), "");

    /// <summary>A failure with Core's message.</summary>
    public static SpendResult<T> Fail(string error) => new(null, error);
}
