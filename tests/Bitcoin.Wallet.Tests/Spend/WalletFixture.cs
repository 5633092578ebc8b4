using Bitcoin.Common.Addresses;
using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Init;
using NBitcoin;

namespace Bitcoin.Wallet.Tests.Spend;

/// <summary>A regtest descriptor wallet in a temporary directory, attached to a <see cref="FakeChain"/>.</summary>
internal sealed class WalletFixture : IDisposable
{
    private readonly string _dir;

    public WalletFixture(params string[] options)
    {
        _dir = Path.Combine(Path.GetTempPath(), "wallet-spend-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        Args = new ArgsManager();
        ChainArgs.Register(Args);
        WalletArgs.Register(Args);
        Args.AddArg("-datadir=<dir>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        if (!Args.ParseParameters(["-regtest", "-datadir=" + _dir, "-walletdir=" + _dir, "-keypool=20", .. options], out var error))
            throw new InvalidOperationException(error);
        Args.SelectChain(ChainType.Regtest);
        Chain = new FakeChain();
        Context = new WalletContext(Chain, Args);
        Wallet = CreateWallet("w");
    }

    public ArgsManager Args { get; }

    public FakeChain Chain { get; }

    public WalletContext Context { get; }

    public DescriptorWallet Wallet { get; }

    public Network Network => Network.RegTest;

    public DescriptorWallet CreateWallet(string name, string passphrase = "", ulong flags = (ulong)WalletFlags.Descriptors)
    {
        var warnings = new List<BilingualString>();
        return Context.CreateWallet(name, null, flags, passphrase, out _, out var error, warnings)
               ?? throw new InvalidOperationException("createwallet failed: " + error);
    }

    public TxDestination NewAddress(DescriptorWallet? wallet = null, OutputType type = OutputType.Bech32)
    {
        var result = (wallet ?? Wallet).GetNewDestination(type, "");
        if (!result.Succeeded) throw new InvalidOperationException(result.Error!.Original);
        return result.Value!;
    }

    /// <summary>Pays the wallet <paramref name="count"/> confirmed outputs of <paramref name="amount"/> (one transaction each).</summary>
    public List<Transaction> Fund(Money amount, int count = 1, DescriptorWallet? wallet = null, OutputType type = OutputType.Bech32)
    {
        var txs = new List<Transaction>();
        for (int i = 0; i < count; i++) txs.Add(FakeChain.Payment(NewAddress(wallet, type).ToScript(), amount));
        Chain.Mine([.. txs]);
        return txs;
    }

    public void Dispose()
    {
        Context.UnloadWallets();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
