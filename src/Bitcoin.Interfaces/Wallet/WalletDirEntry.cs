namespace Bitcoin.Interfaces;

/// <summary>A wallet found in the wallet directory (an entry of Core's <c>listWalletDir</c>).</summary>
/// <param name="Name">The wallet's name (its path relative to the wallet directory).</param>
/// <param name="Format">"sqlite" for descriptor wallets, "bdb" for legacy ones.</param>
public sealed record WalletDirEntry(string Name, string Format);
