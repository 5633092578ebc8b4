namespace Bitcoin.Node.Net.Addresses;

/// <summary>peers.dat was written in a format newer than this node reads (Core's InvalidAddrManVersionError).</summary>
public sealed class AddrManVersionException : Exception
{
    /// <summary>Creates the exception with Core's message.</summary>
    public AddrManVersionException(string message) : base(message)
    {
    }
}
