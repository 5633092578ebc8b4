namespace Capnp;

/// <summary>
/// The one exception a Cap'n Proto reader raises for malformed or hostile input: a pointer out of bounds, a limit
/// exceeded, a truncated frame, a type mismatch on the wire. The message says what was wrong.
/// </summary>
public sealed class CapnpFormatException : Exception
{
    /// <summary>Creates the exception with a description of what was wrong with the input.</summary>
    public CapnpFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a description and the error that revealed it.</summary>
    public CapnpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
