namespace Bitcoin.Wallet.Storage;

/// <summary>A wallet record that cannot be read (Core's std::ios_base::failure / std::runtime_error while loading).</summary>
public sealed class WalletDataException : Exception
{
    /// <summary>Creates the error with its message.</summary>
    public WalletDataException(string message) : base(message)
    {
    }
}
