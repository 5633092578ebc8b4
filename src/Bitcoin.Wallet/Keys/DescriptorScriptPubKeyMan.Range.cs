using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet.Keys;

public sealed partial class DescriptorScriptPubKeyMan
{
    /// <summary>
    /// Hands out the address at the next position and writes the new next index before returning it, so a crash can
    /// never hand the same address out twice (Core's <c>GetNewDestination</c>). Fails with "Error: Keypool ran out,
    /// please call keypoolrefill first" when no position can be derived (a locked wallet with hardened derivation).
    /// </summary>
    public InterfaceResult<TxDestination> GetNewDestination(OutputType type)
    {
        if (!CanGetAddresses())
            return InterfaceResult<TxDestination>.Failure("No addresses available");
        lock (_lock)
        {
            var outputType = _descriptor.Descriptor.GetOutputType();
            if (!_descriptor.Descriptor.IsSingleType || outputType != type)
                throw new InvalidOperationException("GetNewDestination: Types are inconsistent. Stored type does not match type of newly generated address");

            TopUp(0);
            if (_descriptor.RangeEnd <= _maxCachedIndex && !TopUp(1))
                return InterfaceResult<TxDestination>.Failure("Error: Keypool ran out, please call keypoolrefill first");
            var outKeys = new FlatSigningProvider();
            if (!_descriptor.Descriptor.ExpandFromCache(_descriptor.NextIndex, _descriptor.Cache, out var scripts, outKeys))
                return InterfaceResult<TxDestination>.Failure("Error: Keypool ran out, please call keypoolrefill first");
            if (!ScriptSolver.TryExtractDestination(scripts[0], out var destination))
                return InterfaceResult<TxDestination>.Failure("Error: Cannot extract destination from the generated scriptpubkey");
            _descriptor.NextIndex++;
            if (!new WalletBatch(_storage.Database).WriteDescriptor(_descriptor.Id, _descriptor))
            {
                _descriptor.NextIndex--;
                throw new InvalidOperationException("GetNewDestination: writing descriptor failed");
            }

            return InterfaceResult<TxDestination>.Success(destination);
        }
    }

    /// <summary>Hands out the next address and its position, to be kept or returned (Core's <c>GetReservedDestination</c>).</summary>
    public InterfaceResult<TxDestination> GetReservedDestination(OutputType type, bool internalChain, out long index)
    {
        lock (_lock)
        {
            var result = GetNewDestination(type);
            index = _descriptor.NextIndex - 1;
            return result;
        }
    }

    /// <summary>Gives back a reserved position if it is still the last one handed out (Core's <c>ReturnDestination</c>).</summary>
    public void ReturnDestination(long index, bool internalChain, TxDestination destination)
    {
        lock (_lock)
        {
            if (_descriptor.NextIndex - 1 == index)
                _descriptor.NextIndex--;
            new WalletBatch(_storage.Database).WriteDescriptor(_descriptor.Id, _descriptor);
        }

        _storage.NotifyCanGetAddressesChanged();
    }

    /// <summary>Derives positions up to next index + <paramref name="size"/> (0: the key pool size) in one database transaction (Core's <c>TopUp</c>).</summary>
    public bool TopUp(int size)
    {
        lock (_lock)
        {
            var batch = new WalletBatch(_storage.Database);
            bool ownTxn = batch.TxnBegin();
            bool result = TopUpWithDb(batch, size);
            if (ownTxn && !batch.TxnCommit())
                throw new InvalidOperationException($"Error during descriptors keypool top up. Cannot commit changes for wallet [{_storage.LogName}]");
            return result;
        }
    }

    /// <summary>Core's <c>TopUpWithDB</c>: derives missing positions, caches their xpubs, writes the new range; false if a position cannot be derived (locked).</summary>
    internal bool TopUpWithDb(WalletBatch batch, int size)
    {
        lock (_lock)
        {
            long target = size > 0 ? size : KeypoolSize;
            int newRangeEnd = (int)Math.Min(int.MaxValue, Math.Max(_descriptor.NextIndex + target, _descriptor.RangeEnd));
            if (!_descriptor.Descriptor.IsRange)
            {
                newRangeEnd = 1;
                _descriptor.RangeEnd = 1;
                _descriptor.RangeStart = 0;
            }

            var provider = new FlatSigningProvider();
            foreach (var (id, key) in GetKeys()) provider.Keys[id] = key;
            var newScripts = new List<Script>();
            var descriptorId = _descriptor.Id;
            for (int i = _maxCachedIndex + 1; i < newRangeEnd; i++)
            {
                var outKeys = new FlatSigningProvider();
                var tempCache = new DescriptorCache();
                if (!_descriptor.Descriptor.ExpandFromCache(i, _descriptor.Cache, out var scripts, outKeys))
                {
                    if (!_descriptor.Descriptor.Expand(i, provider, out scripts, outKeys, tempCache))
                        return false;
                }

                foreach (var script in scripts)
                {
                    _scriptPubKeys[script] = i;
                    newScripts.Add(script);
                }

                foreach (var pubkey in outKeys.PubKeys.Values)
                    _pubKeys.TryAdd(pubkey, i);
                var newItems = _descriptor.Cache.MergeAndDiff(tempCache);
                if (!batch.WriteDescriptorCacheItems(descriptorId, newItems))
                    throw new InvalidOperationException("TopUpWithDB: writing cache items failed");
                _maxCachedIndex++;
            }

            _descriptor.RangeEnd = newRangeEnd;
            batch.WriteDescriptor(descriptorId, _descriptor);
            _storage.TopUpCallback(newScripts, this);
        }

        _storage.NotifyCanGetAddressesChanged();
        return true;
    }

    /// <summary>
    /// A transaction paid <paramref name="script"/>: if its position is at or past the next index, every position up
    /// to it counts as used (returned as destinations) and the pool is topped up (Core's <c>MarkUnusedAddresses</c>).
    /// </summary>
    public IReadOnlyList<WalletDestination> MarkUnusedAddresses(Script script)
    {
        var result = new List<WalletDestination>();
        lock (_lock)
        {
            if (!_scriptPubKeys.TryGetValue(script, out var index)) return result;
            if (index >= _descriptor.NextIndex)
            {
                LogPrint($"MarkUnusedAddresses: Detected a used keypool item at index {index}, mark all keypool items up to this item as used");
                while (index >= _descriptor.NextIndex)
                {
                    var outKeys = new FlatSigningProvider();
                    if (!_descriptor.Descriptor.ExpandFromCache(_descriptor.NextIndex, _descriptor.Cache, out var scripts, outKeys))
                        throw new InvalidOperationException("MarkUnusedAddresses: Unable to expand descriptor from cache");
                    ScriptSolver.TryExtractDestination(scripts[0], out var destination);
                    result.Add(new WalletDestination(destination ?? new NoDestination(), null));
                    _descriptor.NextIndex++;
                }
            }

            if (!TopUp(0))
                LogPrint("MarkUnusedAddresses: Topping up keypool failed (locked wallet)");
        }

        return result;
    }

    /// <summary>
    /// Replaces the descriptor with an updated import of the same descriptor (a wider range, new keys) and re-derives
    /// (Core's <c>UpdateWalletDescriptor</c>); fails with "can only update matching descriptor" or "new range must
    /// include current range = [a,b]".
    /// </summary>
    internal BilingualString? UpdateWalletDescriptor(WalletDescriptor descriptor, FlatSigningProvider provider)
    {
        lock (_lock)
        {
            if (!CanUpdateToWalletDescriptor(descriptor, out var error))
                return BilingualString.Untranslated(error);
            _pubKeys.Clear();
            _scriptPubKeys.Clear();
            _signingProviders.Clear();
            _maxCachedIndex = -1;
            _descriptor = descriptor;
            UpdateWithSigningProvider(new WalletBatch(_storage.Database), provider);
            return null;
        }
    }

    /// <summary>True if <paramref name="descriptor"/> may replace this one (Core's <c>CanUpdateToWalletDescriptor</c>).</summary>
    public bool CanUpdateToWalletDescriptor(WalletDescriptor descriptor, out string error)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (_lock)
        {
            error = "";
            if (!HasWalletDescriptor(descriptor))
            {
                error = "can only update matching descriptor";
                return false;
            }

            if (!descriptor.Descriptor.IsRange) return true;
            if (descriptor.RangeStart > _descriptor.RangeStart || descriptor.RangeEnd < _descriptor.RangeEnd)
            {
                error = $"new range must include current range = [{_descriptor.RangeStart},{_descriptor.RangeEnd - 1}]";
                return false;
            }

            return true;
        }
    }

    private void UpdateWithSigningProvider(WalletBatch batch, FlatSigningProvider provider)
    {
        foreach (var key in provider.Keys.Values)
        {
            if (!AddDescriptorKeyWithDb(batch, key, key.PubKey))
                throw new InvalidOperationException("UpdateWithSigningProvider: writing descriptor private key failed");
        }

        if (!TopUpWithDb(batch, 0))
            throw new InvalidOperationException("Could not top up scriptPubKeys");
    }

    /// <summary>Recomputes the last-hardened xpub cache of descriptors loaded from old files (Core's <c>UpgradeDescriptorCache</c>).</summary>
    internal void UpgradeDescriptorCache()
    {
        lock (_lock)
        {
            if (_storage.IsLocked() || _storage.IsWalletFlagSet(WalletFlags.LastHardenedXpubCached)) return;
            if (_descriptor.Cache.LastHardenedExtPubKeys.Count > 0) return;
            var provider = new FlatSigningProvider();
            foreach (var (id, key) in GetKeys()) provider.Keys[id] = key;
            var tempCache = new DescriptorCache();
            if (!_descriptor.Descriptor.Expand(0, provider, out _, new FlatSigningProvider(), tempCache))
                throw new InvalidOperationException("Unable to expand descriptor");
            var diff = _descriptor.Cache.MergeAndDiff(tempCache);
            if (!new WalletBatch(_storage.Database).WriteDescriptorCacheItems(_descriptor.Id, diff))
                throw new InvalidOperationException("UpgradeDescriptorCache: writing cache items failed");
        }
    }
}
