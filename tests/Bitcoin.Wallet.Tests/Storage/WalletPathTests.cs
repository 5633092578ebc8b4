namespace Bitcoin.Wallet.Tests.Storage;

/// <summary>Wallet names as paths: Core's GetWalletPath rules (wallet_multiwallet.py's invalid names).</summary>
public sealed class WalletPathTests
{
    private static readonly string WalletDir = Path.Combine(Path.GetTempPath(), "walletdir-that-need-not-exist");

    [Theory]
    [InlineData("bad/./path")]
    [InlineData("bad/../path")]
    [InlineData("/bad/./path")]
    [InlineData("/bad/../path")]
    [InlineData("../")]
    [InlineData("./")]
    [InlineData("./wallet")]
    [InlineData("../wallets/../wallets/wallet")]
    [InlineData("/..")]
    [InlineData("a/.")]
    public void NamesThatAreNotNormalizedPathsAreRefused(string name)
    {
        Assert.Null(WalletPaths.GetWalletPath(WalletDir, name, out var error));
        Assert.Equal("Wallet name given as a path must be normalized", error);
    }

    [Theory]
    [InlineData("../wallets/wallet")]
    [InlineData("..")]
    [InlineData(".")]
    public void RelativeNamesLeavingTheWalletDirectoryAreRefused(string name)
    {
        Assert.Null(WalletPaths.GetWalletPath(WalletDir, name, out var error));
        Assert.StartsWith("Wallet name given as a relative path cannot begin with ./ or ../", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RootIsRefused()
    {
        Assert.Null(WalletPaths.GetWalletPath(WalletDir, "/", out var error));
        Assert.Equal("Wallet name cannot be the root path", error);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("w", "w")]
    [InlineData("sub/w", "sub/w")]
    [InlineData("w/", "w/")]
    [InlineData("a//b", "a//b")]
    public void NormalNamesResolveInsideTheWalletDirectory(string name, string relative)
    {
        Assert.Equal(Path.Combine(WalletDir, relative), WalletPaths.GetWalletPath(WalletDir, name, out var error));
        Assert.Equal("", error);
    }

    [Fact]
    public void ListingSkipsUnreadableLinksAndDoesNotWalkDirectoryLinks()
    {
        var dir = Directory.CreateTempSubdirectory("walletdir-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "a_loop"));
            File.CreateSymbolicLink(Path.Combine(dir, "a_loop", "wallet.dat"), "wallet.dat");
            Directory.CreateDirectory(Path.Combine(dir, "b_wallet"));
            var header = new byte[512];
            "SQLite format 3\0"u8.CopyTo(header);
            byte[] magic = [0xfa, 0xbf, 0xb5, 0xda];
            magic.CopyTo(header, 68);
            File.WriteAllBytes(Path.Combine(dir, "b_wallet", "wallet.dat"), header);
            // A link to a wallet directory is a wallet; a link back to the wallet directory is not walked.
            Directory.CreateSymbolicLink(Path.Combine(dir, "c_link"), Path.Combine(dir, "b_wallet"));
            Directory.CreateSymbolicLink(Path.Combine(dir, "d_up"), dir);

            var wallets = WalletPaths.ListDatabases(dir, magic);

            Assert.Equal([("b_wallet", "sqlite"), ("c_link", "sqlite")], wallets);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
