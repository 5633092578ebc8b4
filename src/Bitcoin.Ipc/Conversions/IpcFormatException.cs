namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// A value received from the other process cannot be what the schema says it is (a hash that is not 32 bytes, a
/// transaction that does not deserialize, an enum value out of range). The call fails with this message; the
/// connection and the process stay up.
/// </summary>
public sealed class IpcFormatException : FormatException
{
    /// <summary>Creates the exception with the reason.</summary>
    public IpcFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and the error underneath.</summary>
    public IpcFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
