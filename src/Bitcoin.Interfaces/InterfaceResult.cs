namespace Bitcoin.Interfaces;

/// <summary>
/// A value or an error (Core's <c>util::Result&lt;T&gt;</c>, the IPC <c>Common.Result(Value)</c>): exactly one of
/// <see cref="Value"/> and <see cref="Error"/> is set.
/// </summary>
/// <typeparam name="T">The type of a successful value.</typeparam>
public sealed record InterfaceResult<T>
{
    private InterfaceResult(T? value, BilingualString? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the call failed, or null on success.</summary>
    public BilingualString? Error { get; }

    /// <summary>True when there is a value.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful result.</summary>
    public static InterfaceResult<T> Success(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static InterfaceResult<T> Failure(BilingualString error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new InterfaceResult<T>(default, error);
    }

    /// <summary>A failed result with an untranslated message.</summary>
    public static InterfaceResult<T> Failure(string error) => Failure(BilingualString.Untranslated(error));
}
