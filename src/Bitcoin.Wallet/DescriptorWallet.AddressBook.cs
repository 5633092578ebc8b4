using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>The address book (Core's m_address_book). Hold <see cref="SyncRoot"/> while reading.</summary>
    public IReadOnlyDictionary<TxDestination, AddressBookData> AddressBook => _addressBook;

    /// <summary>The entry of <paramref name="destination"/>, or null; change entries only with <paramref name="allowChange"/> (Core's FindAddressBookEntry).</summary>
    public AddressBookData? FindAddressBookEntry(TxDestination destination, bool allowChange = false)
    {
        lock (_lock)
        {
            if (!_addressBook.TryGetValue(destination, out var entry)) return null;
            return !allowChange && entry.IsChange ? null : entry;
        }
    }

    private string Encode(TxDestination destination) => AddressEncoding.EncodeDestination(destination, Network);

    /// <summary>Sets the label (and, if given, the purpose) of an address and writes them (Core's SetAddressBook).</summary>
    public bool SetAddressBook(TxDestination destination, string label, AddressPurpose? purpose) =>
        SetAddressBookWithDb(new WalletBatch(Database), destination, label, purpose);

    internal bool SetAddressBookWithDb(WalletBatch batch, TxDestination destination, string label, AddressPurpose? purpose)
    {
        bool updated;
        bool isMine;
        AddressPurpose? effectivePurpose;
        lock (_lock)
        {
            updated = _addressBook.TryGetValue(destination, out var record) && !record.IsChange;
            if (record is null) _addressBook[destination] = record = new AddressBookData();
            record.Label = label;
            isMine = IsMine(destination);
            if (purpose is not null) record.Purpose = purpose;
            effectivePurpose = record.Purpose;
        }

        var encoded = Encode(destination);
        if (purpose is not null && !batch.WritePurpose(encoded, AddressBookData.PurposeToString(purpose.Value)))
        {
            LogPrint("Error: fail to write address book 'purpose' entry");
            return false;
        }

        if (!batch.WriteName(encoded, label))
        {
            LogPrint("Error: fail to write address book 'name' entry");
            return false;
        }

        RaiseAddressBookChanged(destination, label, isMine, effectivePurpose ?? (isMine ? AddressPurpose.Receive : AddressPurpose.Send),
            updated ? ChangeStatus.Updated : ChangeStatus.New);
        return true;
    }

    /// <summary>Removes a non-own address book entry and its data in one database transaction (Core's DelAddressBook).</summary>
    public bool DelAddressBook(TxDestination destination)
    {
        lock (_lock)
        {
            if (IsMine(destination))
            {
                LogPrint($"DelAddressBook called with IsMine address, NOT SUPPORTED. {Encode(destination)}");
                return false;
            }

            var batch = new WalletBatch(Database);
            if (!batch.TxnBegin()) return false;
            var encoded = Encode(destination);
            if (!batch.EraseAddressData(encoded) || !batch.ErasePurpose(encoded) || !batch.EraseName(encoded))
            {
                batch.TxnAbort();
                return false;
            }

            if (!batch.TxnCommit()) return false;
            _addressBook.Remove(destination);
        }

        RaiseAddressBookChanged(destination, "", false, AddressPurpose.Send, ChangeStatus.Deleted);
        return true;
    }

    /// <summary>Addresses in the address book, optionally without change and only with a given label (Core's ListAddrBookAddresses).</summary>
    public IReadOnlyList<TxDestination> ListAddrBookAddresses(bool ignoreChange = true, string? label = null)
    {
        lock (_lock)
        {
            return _addressBook.Where(e => !(ignoreChange && e.Value.IsChange) && (label is null || e.Value.GetLabel() == label))
                .Select(e => e.Key).ToList();
        }
    }

    /// <summary>The labels in use (change excluded), optionally only of one purpose (Core's ListAddrBookLabels).</summary>
    public ISet<string> ListAddrBookLabels(AddressPurpose? purpose)
    {
        lock (_lock)
        {
            return new SortedSet<string>(_addressBook.Values.Where(e => !e.IsChange && (purpose is null || e.Purpose == purpose)).Select(e => e.GetLabel()),
                StringComparer.Ordinal);
        }
    }

    internal void LoadAddressBookName(TxDestination destination, string label)
    {
        if (!_addressBook.TryGetValue(destination, out var record)) _addressBook[destination] = record = new AddressBookData();
        record.Label = label;
    }

    internal void LoadAddressBookPurpose(TxDestination destination, AddressPurpose? purpose)
    {
        if (!_addressBook.TryGetValue(destination, out var record)) _addressBook[destination] = record = new AddressBookData();
        record.Purpose = purpose;
    }

    internal void LoadAddressPreviouslySpent(TxDestination destination)
    {
        if (!_addressBook.TryGetValue(destination, out var record)) _addressBook[destination] = record = new AddressBookData();
        record.PreviouslySpent = true;
    }

    internal void LoadAddressReceiveRequest(TxDestination destination, string id, string request)
    {
        if (!_addressBook.TryGetValue(destination, out var record)) _addressBook[destination] = record = new AddressBookData();
        record.ReceiveRequests[id] = request;
    }

    /// <summary>True if an output to the address was spent before (avoid_reuse).</summary>
    public bool IsAddressPreviouslySpent(TxDestination destination)
    {
        lock (_lock) return _addressBook.TryGetValue(destination, out var record) && record.PreviouslySpent;
    }

    internal bool SetAddressPreviouslySpent(WalletBatch batch, TxDestination destination, bool used)
    {
        if (destination is NoDestination) return false;
        lock (_lock)
        {
            if (!used)
            {
                if (_addressBook.TryGetValue(destination, out var record)) record.PreviouslySpent = false;
                return batch.WriteAddressPreviouslySpent(Encode(destination), false);
            }

            LoadAddressPreviouslySpent(destination);
            return batch.WriteAddressPreviouslySpent(Encode(destination), true);
        }
    }

    /// <summary>Every stored receive request.</summary>
    public IReadOnlyList<string> GetAddressReceiveRequests()
    {
        lock (_lock) return _addressBook.Values.SelectMany(e => e.ReceiveRequests.Values).ToList();
    }

    /// <summary>Stores or (with an empty value) erases a receive request.</summary>
    public bool SetAddressReceiveRequest(TxDestination destination, string id, string value)
    {
        lock (_lock)
        {
            var batch = new WalletBatch(Database);
            if (value.Length == 0)
            {
                if (!batch.EraseAddressReceiveRequest(Encode(destination), id)) return false;
                if (_addressBook.TryGetValue(destination, out var existing)) existing.ReceiveRequests.Remove(id);
                return true;
            }

            if (!batch.WriteAddressReceiveRequest(Encode(destination), id, value)) return false;
            LoadAddressReceiveRequest(destination, id, value);
            return true;
        }
    }

    // ---- locked coins ----

    /// <summary>Excludes an output from coin selection; with <paramref name="persist"/> the lock survives restarts (Core's LockCoin).</summary>
    public bool LockCoin(OutPoint output, bool persist)
    {
        lock (_lock)
        {
            _lockedCoins[output] = persist;
            return !persist || new WalletBatch(Database).WriteLockedUtxo(output);
        }
    }

    internal void LoadLockedCoin(OutPoint output, bool persistent)
    {
        lock (_lock) _lockedCoins[output] = persistent;
    }

    /// <summary>Unlocks an output (erasing its record if persistent).</summary>
    public bool UnlockCoin(OutPoint output)
    {
        lock (_lock)
        {
            if (!_lockedCoins.Remove(output, out var persisted)) return true;
            return !persisted || new WalletBatch(Database).EraseLockedUtxo(output);
        }
    }

    /// <summary>Unlocks every output.</summary>
    public bool UnlockAllCoins()
    {
        lock (_lock)
        {
            bool ok = true;
            var batch = new WalletBatch(Database);
            foreach (var (output, persistent) in _lockedCoins)
            {
                if (persistent) ok &= batch.EraseLockedUtxo(output);
            }

            _lockedCoins.Clear();
            return ok;
        }
    }

    /// <summary>True if the output is locked.</summary>
    public bool IsLockedCoin(OutPoint output)
    {
        lock (_lock) return _lockedCoins.ContainsKey(output);
    }

    /// <summary>The locked outputs.</summary>
    public IReadOnlyList<OutPoint> ListLockedCoins()
    {
        lock (_lock) return _lockedCoins.Keys.ToList();
    }
}
