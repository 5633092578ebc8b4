using Bitcoin.Common.Addresses;
using Bitcoin.Common.Args;
using Bitcoin.Common.Descriptors;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>
    /// Writes a watch-only copy of this wallet to the new file <paramref name="destination"/> (Core's
    /// ExportWatchOnlyWallet): the public descriptors (with their caches where keys cannot be derived without private
    /// keys), active descriptors, persisted locked coins, transactions, address book and best block. The copy is built
    /// in a temporary directory that is removed afterwards; on failure <paramref name="destination"/> is removed too.
    /// Call with the wallet's lock held. Returns the path written or Core's error.
    /// </summary>
    public InterfaceResult<string> ExportWatchOnlyWallet(string destination, ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(args);
        if (destination.Length == 0) return InterfaceResult<string>.Failure("Error: Export destination cannot be empty");
        if (File.Exists(destination) || Directory.Exists(destination))
            return InterfaceResult<string>.Failure($"Error: Export destination '{destination}' already exists");
        try
        {
            using (File.Create(destination)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return InterfaceResult<string>.Failure($"Error: Could not create file '{destination}'");
        }

        var tempDir = Path.Combine(Path.GetTempPath(), "watchonly-export-" + Guid.NewGuid().ToString("N"));
        bool success = false;
        try
        {
            Directory.CreateDirectory(tempDir);
            var result = ExportWatchOnlyInto(tempDir, destination, args);
            success = result.Succeeded;
            return result;
        }
        finally
        {
            if (!success) TryDelete(destination);
            try
            {
                Directory.Delete(tempDir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogPrint($"Could not remove the temporary export directory {tempDir}: {e.Message}");
            }
        }
    }

    private InterfaceResult<string> ExportWatchOnlyInto(string tempDir, string destination, ArgsManager args)
    {
        var exported = new List<(string Text, WalletDescriptor Descriptor, bool Active, bool? Internal)>();
        foreach (var spkm in ScriptPubKeyMans)
        {
            if (!spkm.TryGetDescriptorString(includePrivate: false, out var text))
                return InterfaceResult<string>.Failure("Can't get descriptor string.");
            exported.Add((text, spkm.WalletDescriptor, IsActiveScriptPubKeyMan(spkm), IsInternalScriptPubKeyMan(spkm)));
        }

        if (exported.Count == 0) return InterfaceResult<string>.Failure("Error: Wallet has no descriptors to export");

        var flags = (ulong)Flags | (ulong)WalletFlags.DisablePrivateKeys;
        var warnings = new List<BilingualString>();
        using var database = SqliteWalletDatabase.Open(Path.Combine(tempDir, "wallet.dat"), ChainInfo.ApplicationId, unsafeSync: true);
        var watchOnly = CreateNew(Name + "_watchonly_temp", database, chain: null, ChainInfo, Options, flags, bornEncrypted: false, out var error, warnings);
        if (watchOnly is null) return InterfaceResult<string>.Failure($"Error: Failed to create new watchonly wallet. {error}");

        try
        {
            lock (watchOnly._lock)
            {
                foreach (var (text, source, active, isInternal) in exported)
                {
                    var keys = new FlatSigningProvider();
                    var parsed = Descriptor.Parse(text, Network, keys, requireChecksum: true);
                    var descriptor = new WalletDescriptor(parsed[0], source.CreationTime, source.Descriptor.IsRange ? source.RangeStart : 0,
                        source.Descriptor.IsRange ? source.RangeEnd : 0, source.NextIndex);
                    // Hardened derivation needs the private keys: the copy keeps what was derived already.
                    if (!descriptor.Descriptor.CanSelfExpand) descriptor.Cache = source.Cache;
                    var added = watchOnly.AddWalletDescriptor(descriptor, keys, label: "", internalChain: false);
                    if (!added.Succeeded) return InterfaceResult<string>.Failure(added.Error!);
                    if (active && descriptor.Descriptor.GetOutputType() is { } type)
                        watchOnly.AddActiveScriptPubKeyMan(descriptor.Id, type, isInternal ?? false);
                }

                foreach (var (coin, persisted) in _lockedCoins)
                {
                    if (persisted) watchOnly.LockCoin(coin, persist: true);
                }

                var batch = new WalletBatch(database);
                if (!batch.TxnBegin())
                    return InterfaceResult<string>.Failure($"Error: database transaction cannot be executed for new watchonly wallet {watchOnly.Name}");
                batch.WriteOrderPosNext(_orderPosNext);
                var locator = new WalletBatch(Database).ReadBestBlock();
                if (locator is null)
                {
                    batch.TxnAbort();
                    return InterfaceResult<string>.Failure("Error: Unable to read wallet's best block locator record");
                }

                if (!batch.WriteBestBlock(locator))
                {
                    batch.TxnAbort();
                    return InterfaceResult<string>.Failure("Error: Unable to write watchonly wallet best block locator record");
                }

                foreach (var (txid, wtx) in _transactions)
                {
                    var copy = WalletTxRecord.Deserialize(WalletTxRecord.Serialize(wtx));
                    if (!watchOnly.LoadToWallet(copy))
                    {
                        batch.TxnAbort();
                        return InterfaceResult<string>.Failure($"Error: Could not add tx {txid} to watchonly wallet");
                    }

                    batch.WriteTx(watchOnly._transactions[txid]);
                }

                foreach (var (address, entry) in _addressBook)
                {
                    var encoded = AddressEncoding.EncodeDestination(address, Network);
                    if (entry.Purpose is { } purpose) batch.WritePurpose(encoded, AddressBookData.PurposeToString(purpose));
                    if (entry.Label is { } label) batch.WriteName(encoded, label);
                    foreach (var (id, request) in entry.ReceiveRequests) batch.WriteAddressReceiveRequest(encoded, id, request);
                    if (entry.PreviouslySpent) batch.WriteAddressPreviouslySpent(encoded, true);
                }

                if (!batch.TxnCommit()) return InterfaceResult<string>.Failure("Error: cannot commit db transaction for watchonly wallet export");
            }

            if (!watchOnly.BackupWallet(destination)) return InterfaceResult<string>.Failure("Error: Unable to write the exported wallet");
            return InterfaceResult<string>.Success(destination);
        }
        finally
        {
            watchOnly.DisconnectChainNotifications();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; the caller reports the original failure.
        }
    }
}
