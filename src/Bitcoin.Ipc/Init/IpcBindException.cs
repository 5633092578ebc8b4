namespace Bitcoin.Ipc;

/// <summary>
/// An <c>-ipcbind</c> address could not be listened on. <see cref="Address"/> is the address as Core reports it in
/// "Unable to bind to IPC address '…'. …" (in full form once it parsed), the message the reason.
/// </summary>
public sealed class IpcBindException : Exception
{
    /// <summary>Creates the exception for <paramref name="address"/> with the reason <paramref name="message"/>.</summary>
    public IpcBindException(string address, string message, Exception? inner = null)
        : base(message, inner)
    {
        Address = address;
    }

    /// <summary>The address that failed.</summary>
    public string Address { get; }
}
