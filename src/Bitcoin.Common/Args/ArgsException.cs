namespace Bitcoin.Common.Args;

/// <summary>
/// The arguments are inconsistent in a way only found when they are read, e.g. "Invalid combination of -regtest,
/// -signet, -testnet, -testnet4 and -chain. Can use at most one." or "Unknown chain foo.". The message is Core's;
/// start-up code prints it as <c>Error: &lt;message&gt;</c> and exits with status 1.
/// </summary>
public sealed class ArgsException : Exception
{
    /// <summary>Creates the exception with Core's message.</summary>
    public ArgsException(string message) : base(message)
    {
    }
}
