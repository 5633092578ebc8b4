namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// An exception the other process's implementation threw that has no more specific type on the wire (Core's
/// <c>std::exception</c> field): it carries the message only.
/// </summary>
public sealed class RemoteCallException : Exception
{
    /// <summary>Creates the exception with the peer's message.</summary>
    public RemoteCallException(string message) : base(message)
    {
    }
}
