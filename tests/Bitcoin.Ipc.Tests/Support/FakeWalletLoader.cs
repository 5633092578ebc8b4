using Bitcoin.Interfaces;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>An <see cref="IWalletLoader"/> that records calls and hands out <see cref="FakeWallet"/>s.</summary>
internal sealed class FakeWalletLoader : IWalletLoader
{
    public List<string> Calls { get; } = [];

    private void Record(string member, params object?[] args)
    {
        lock (Calls) Calls.Add(member + "(" + string.Join(", ", args.Select(Canon.Of)) + ")");
    }

    public void RegisterRpcs() => Record(nameof(RegisterRpcs));
    public bool Verify() { Record(nameof(Verify)); return true; }
    public bool Load() { Record(nameof(Load)); return true; }
    public void Start() => Record(nameof(Start));
    public void Stop() => Record(nameof(Stop));
    public void SetMockTime(long time) => Record(nameof(SetMockTime), time);
    public void SchedulerMockForward(long deltaSeconds) => Record(nameof(SchedulerMockForward), deltaSeconds);
    public void Dispose() => Record(nameof(Dispose));

    public InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings)
    {
        Record(nameof(CreateWallet), name, passphrase, walletCreationFlags);
        warnings = [BilingualString.Untranslated("Empty string given as passphrase, wallet will not be encrypted.")];
        return name.Length == 0 ? InterfaceResult<IWallet>.Failure("Wallet name cannot be empty") : InterfaceResult<IWallet>.Success(new FakeWallet(Calls, name));
    }

    public InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings)
    {
        Record(nameof(LoadWallet), name);
        warnings = [];
        return InterfaceResult<IWallet>.Success(new FakeWallet(Calls, name));
    }

    public string GetWalletDir() { Record(nameof(GetWalletDir)); return "/data/regtest/wallets"; }

    public InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore)
    {
        Record(nameof(RestoreWallet), backupFile, walletName, loadAfterRestore);
        warnings = [];
        return InterfaceResult<IWallet?>.Success(loadAfterRestore ? new FakeWallet(Calls, walletName) : null);
    }

    public InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet)
    {
        Record(nameof(MigrateWallet), name, passphrase, loadWallet);
        return InterfaceResult<WalletMigrationResult>.Failure("Error: This wallet is already a descriptor wallet");
    }

    public bool IsEncrypted(string walletName) { Record(nameof(IsEncrypted), walletName); return walletName == "secret"; }
    public IReadOnlyList<WalletDirEntry> ListWalletDir() { Record(nameof(ListWalletDir)); return [new("w1", "sqlite"), new("old", "bdb")]; }
    public IReadOnlyList<IWallet> GetWallets() { Record(nameof(GetWallets)); return [new FakeWallet(Calls, "a"), new FakeWallet(Calls, "b")]; }

    public IHandler HandleLoadWallet(ILoadWalletCallback callback)
    {
        Record(nameof(HandleLoadWallet));
        callback.Call(new FakeWallet(Calls, "loaded"));
        return new Handler(this);
    }

    private sealed class Handler(FakeWalletLoader loader) : IHandler
    {
        public void Disconnect() => loader.Record("disconnect load");
        public void Dispose() => loader.Record("dispose load");
    }
}
