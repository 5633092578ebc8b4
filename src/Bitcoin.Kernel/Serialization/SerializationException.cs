namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Data could not be decoded (truncated input, a non-canonical or oversized number), as Core's
/// <c>std::ios_base::failure</c> from its serialization framework. The message is Core's where Core has one.
/// </summary>
public sealed class SerializationException : Exception
{
    /// <summary>Creates the exception with a message saying what was wrong.</summary>
    public SerializationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public SerializationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
