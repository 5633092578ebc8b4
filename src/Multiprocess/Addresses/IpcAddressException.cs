namespace Multiprocess.Addresses;

/// <summary>
/// An IPC address that cannot be used as written (Bitcoin Core's <c>std::invalid_argument</c> from its address parser):
/// an unknown scheme, a Unix socket path that is too long, a malformed TCP host or port.
/// </summary>
public sealed class IpcAddressException : Exception
{
    /// <summary>Creates the exception with the message shown to the user, for <paramref name="address"/>.</summary>
    public IpcAddressException(string message, string address)
        : base(message)
    {
        Address = address;
    }

    /// <summary>
    /// The address as Core shows it next to this error: in full form (<c>unix:&lt;datadir&gt;/…</c>) when it was
    /// recognized, as written otherwise.
    /// </summary>
    public string Address { get; }
}
