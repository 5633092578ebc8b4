using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    private readonly Dictionary<uint256, DescriptorScriptPubKeyMan> _spkms = [];
    private readonly Dictionary<OutputType, DescriptorScriptPubKeyMan> _externalSpkms = [];
    private readonly Dictionary<OutputType, DescriptorScriptPubKeyMan> _internalSpkms = [];
    private readonly Dictionary<Script, List<DescriptorScriptPubKeyMan>> _cachedSpks = [];

    /// <summary>Every descriptor of the wallet.</summary>
    public IReadOnlyCollection<DescriptorScriptPubKeyMan> ScriptPubKeyMans
    {
        get
        {
            lock (_lock) return _spkms.Values.ToList();
        }
    }

    /// <summary>The descriptor with this id, or null.</summary>
    public DescriptorScriptPubKeyMan? GetScriptPubKeyMan(uint256 id)
    {
        lock (_lock) return _spkms.GetValueOrDefault(id);
    }

    /// <summary>The active descriptor for <paramref name="type"/> receive (or with <paramref name="internalChain"/> change) addresses, or null.</summary>
    public DescriptorScriptPubKeyMan? GetScriptPubKeyMan(OutputType type, bool internalChain)
    {
        lock (_lock) return (internalChain ? _internalSpkms : _externalSpkms).GetValueOrDefault(type);
    }

    /// <summary>The active descriptors (receive and change, every type).</summary>
    public IReadOnlyCollection<DescriptorScriptPubKeyMan> GetActiveScriptPubKeyMans()
    {
        lock (_lock)
        {
            var result = new List<DescriptorScriptPubKeyMan>();
            foreach (var internalChain in new[] { false, true })
            {
                foreach (var type in OutputTypes.All)
                {
                    if ((internalChain ? _internalSpkms : _externalSpkms).TryGetValue(type, out var spkm) && !result.Contains(spkm))
                        result.Add(spkm);
                }
            }

            return result;
        }
    }

    /// <summary>True if <paramref name="spkm"/> is active for some type.</summary>
    public bool IsActiveScriptPubKeyMan(DescriptorScriptPubKeyMan spkm)
    {
        lock (_lock) return _externalSpkms.ContainsValue(spkm) || _internalSpkms.ContainsValue(spkm);
    }

    /// <summary>True if the active <paramref name="spkm"/> is a change descriptor, false if a receive one, null if not active (Core's IsInternalScriptPubKeyMan).</summary>
    public bool? IsInternalScriptPubKeyMan(DescriptorScriptPubKeyMan spkm)
    {
        ArgumentNullException.ThrowIfNull(spkm);
        lock (_lock)
        {
            if (!IsActiveScriptPubKeyMan(spkm)) return null;
            var type = spkm.Descriptor.GetOutputType();
            return type is not null && GetScriptPubKeyMan(type.Value, internalChain: true) == spkm;
        }
    }

    /// <summary>The descriptors that derive <paramref name="script"/>.</summary>
    public IReadOnlyList<DescriptorScriptPubKeyMan> GetScriptPubKeyMans(Script script)
    {
        lock (_lock) return _cachedSpks.TryGetValue(script, out var list) ? list.ToList() : [];
    }

    /// <summary>True if <paramref name="script"/> is derived by one of the wallet's descriptors (Core's IsMine).</summary>
    public bool IsMine(Script script)
    {
        lock (_lock) return _cachedSpks.ContainsKey(script);
    }

    /// <summary>True if the output pays the wallet.</summary>
    public bool IsMine(TxOut output) => IsMine(output.ScriptPubKey);

    /// <summary>True if the destination is the wallet's.</summary>
    public bool IsMine(TxDestination destination) => IsMine(destination.ToScript());

    /// <summary>True if any output pays the wallet.</summary>
    public bool IsMine(Transaction tx)
    {
        lock (_lock) return tx.Outputs.Any(o => _cachedSpks.ContainsKey(o.ScriptPubKey));
    }

    /// <summary>A provider to solve (not sign) <paramref name="script"/>, or null if it is not the wallet's.</summary>
    public SigningProvider? GetSolvingProvider(Script script)
    {
        lock (_lock) return _cachedSpks.TryGetValue(script, out var list) ? list[0].GetSolvingProvider(script) : null;
    }

    /// <summary>The wallet descriptors that derive <paramref name="script"/> (Core's GetWalletDescriptors).</summary>
    public IReadOnlyList<WalletDescriptor> GetWalletDescriptors(Script script) =>
        GetScriptPubKeyMans(script).Select(s => s.WalletDescriptor).ToList();

    void IWalletStorage.TopUpCallback(IReadOnlyCollection<Script> scripts, DescriptorScriptPubKeyMan manager)
    {
        lock (_lock)
        {
            foreach (var script in scripts)
            {
                if (!_cachedSpks.TryGetValue(script, out var list))
                    _cachedSpks[script] = list = [];
                if (!list.Contains(manager)) list.Add(manager);
            }
        }
    }

    void IWalletStorage.NotifyCanGetAddressesChanged() => RaiseCanGetAddressesChanged();

    internal void AddScriptPubKeyMan(DescriptorScriptPubKeyMan spkm)
    {
        lock (_lock) _spkms[spkm.Id] = spkm;
        MaybeUpdateBirthTime(spkm.TimeFirstKey);
    }

    internal void LoadDescriptorScriptPubKeyMan(WalletDescriptor descriptor, IReadOnlyDictionary<KeyId, Key> keys,
        IReadOnlyDictionary<KeyId, (PubKey, byte[])> cryptedKeys)
    {
        var spkm = DescriptorScriptPubKeyMan.Load(this, _lock, descriptor, Options.KeypoolSize, keys, cryptedKeys);
        AddScriptPubKeyMan(spkm);
    }

    /// <summary>Makes <paramref name="id"/> the active descriptor for a type and chain, and writes it (Core's AddActiveScriptPubKeyMan).</summary>
    public void AddActiveScriptPubKeyMan(uint256 id, OutputType type, bool internalChain) =>
        AddActiveScriptPubKeyManWithDb(new WalletBatch(Database), id, type, internalChain);

    internal void AddActiveScriptPubKeyManWithDb(WalletBatch batch, uint256 id, OutputType type, bool internalChain)
    {
        if (!batch.WriteActiveScriptPubKeyMan(type, id, internalChain))
            throw new InvalidOperationException("AddActiveScriptPubKeyMan: writing active ScriptPubKeyMan id failed");
        LoadActiveScriptPubKeyMan(id, type, internalChain);
    }

    internal void LoadActiveScriptPubKeyMan(uint256 id, OutputType type, bool internalChain)
    {
        lock (_lock)
        {
            LogPrint($"Setting spkMan to active: id = {id}, type = {OutputTypes.Format(type)}, internal = {(internalChain ? "true" : "false")}");
            var mine = internalChain ? _internalSpkms : _externalSpkms;
            var other = internalChain ? _externalSpkms : _internalSpkms;
            if (!_spkms.TryGetValue(id, out var spkm))
                throw new WalletDataException("Active ScriptPubKeyMan refers to an unknown descriptor");
            mine[type] = spkm;
            if (other.TryGetValue(type, out var o) && o == spkm) other.Remove(type);
        }

        RaiseCanGetAddressesChanged();
    }

    /// <summary>Stops <paramref name="id"/> being the active descriptor for a type and chain (Core's DeactivateScriptPubKeyMan).</summary>
    public void DeactivateScriptPubKeyMan(uint256 id, OutputType type, bool internalChain)
    {
        lock (_lock)
        {
            var spkm = GetScriptPubKeyMan(type, internalChain);
            if (spkm is not null && spkm.Id == id)
            {
                LogPrint($"Deactivate spkMan: id = {id}, type = {OutputTypes.Format(type)}, internal = {(internalChain ? "true" : "false")}");
                if (!new WalletBatch(Database).EraseActiveScriptPubKeyMan(type, internalChain))
                    throw new InvalidOperationException("DeactivateScriptPubKeyMan: erasing active ScriptPubKeyMan id failed");
                (internalChain ? _internalSpkms : _externalSpkms).Remove(type);
            }
        }

        RaiseCanGetAddressesChanged();
    }

    /// <summary>The wallet's descriptor with the id of <paramref name="descriptor"/>, or null.</summary>
    public DescriptorScriptPubKeyMan? GetDescriptorScriptPubKeyMan(WalletDescriptor descriptor)
    {
        lock (_lock) return _spkms.TryGetValue(descriptor.Id, out var spkm) && spkm.HasWalletDescriptor(descriptor) ? spkm : null;
    }

    /// <summary>
    /// Creates the eight descriptors of a new wallet (pkh, sh(wpkh), wpkh, tr; receive and change) from a new random
    /// seed, in one database transaction (Core's SetupDescriptorScriptPubKeyMans).
    /// </summary>
    internal void SetupDescriptorScriptPubKeyMans()
    {
        lock (_lock)
        {
            var batch = new WalletBatch(Database);
            if (!batch.TxnBegin()) throw new InvalidOperationException("Error: cannot create db transaction for descriptors setup");
            try
            {
                var seed = new Key();
                var master = ExtKey.CreateFromSeed(seed.ToBytes());
                SetupDescriptorScriptPubKeyMans(batch, master);
            }
            catch
            {
                batch.TxnAbort();
                throw;
            }

            if (!batch.TxnCommit()) throw new InvalidOperationException("Error: cannot process db transaction for descriptors setup");
        }
    }

    /// <summary>Creates the eight standard descriptors for <paramref name="masterKey"/> (also used by createwalletdescriptor).</summary>
    internal void SetupDescriptorScriptPubKeyMans(WalletBatch batch, ExtKey masterKey)
    {
        foreach (var internalChain in new[] { false, true })
        {
            foreach (var type in OutputTypes.All)
                SetupDescriptorScriptPubKeyMan(batch, masterKey, type, internalChain);
        }
    }

    /// <summary>Creates and activates one standard descriptor of <paramref name="masterKey"/> (Core's SetupDescriptorScriptPubKeyMan).</summary>
    internal DescriptorScriptPubKeyMan SetupDescriptorScriptPubKeyMan(WalletBatch batch, ExtKey masterKey, OutputType type, bool internalChain)
    {
        lock (_lock)
        {
            if (IsLocked())
                throw new InvalidOperationException("SetupDescriptorScriptPubKeyMan: Wallet is locked, cannot setup new descriptors");
            var spkm = DescriptorScriptPubKeyMan.GenerateNewSingleSig(this, _lock, batch, Options.KeypoolSize, masterKey, type, internalChain,
                Network, ChainInfo.IsTestChain, WalletTime.Now);
            AddScriptPubKeyMan(spkm);
            AddActiveScriptPubKeyManWithDb(batch, spkm.Id, type, internalChain);
            return spkm;
        }
    }

    /// <summary>Creates descriptors for a new wallet unless it is blank or watch-only (Core's SetupWalletGeneration).</summary>
    internal void SetupWalletGeneration()
    {
        if (IsWalletFlagSet(WalletFlags.BlankWallet) || IsWalletFlagSet(WalletFlags.DisablePrivateKeys)) return;
        SetupDescriptorScriptPubKeyMans();
    }

    /// <summary>
    /// Adds (or updates) an imported descriptor with its private keys (Core's AddWalletDescriptor). Non-ranged
    /// descriptors with scripts label their addresses with <paramref name="label"/> unless <paramref name="internalChain"/>.
    /// </summary>
    public InterfaceResult<DescriptorScriptPubKeyMan> AddWalletDescriptor(WalletDescriptor descriptor, FlatSigningProvider provider, string label, bool internalChain)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(provider);
        lock (_lock)
        {
            var spkm = GetDescriptorScriptPubKeyMan(descriptor);
            if (spkm is not null)
            {
                LogPrint($"Update existing descriptor: {descriptor.Descriptor}");
                if (spkm.UpdateWalletDescriptor(descriptor, provider) is { } error)
                    return InterfaceResult<DescriptorScriptPubKeyMan>.Failure(error);
            }
            else
            {
                spkm = DescriptorScriptPubKeyMan.CreateFromImport(this, _lock, descriptor, Options.KeypoolSize, provider);
                AddScriptPubKeyMan(spkm);
                if (!new WalletBatch(Database).WriteDescriptorCacheItems(spkm.Id, descriptor.Cache))
                    return InterfaceResult<DescriptorScriptPubKeyMan>.Failure("Unable to write descriptor cache");
            }

            if (!descriptor.Descriptor.IsRange && descriptor.Descriptor.HasScripts)
            {
                var scripts = spkm.GetScriptPubKeys();
                if (scripts.Count == 0)
                    return InterfaceResult<DescriptorScriptPubKeyMan>.Failure("Could not generate scriptPubKeys (cache is empty)");
                if (!internalChain)
                {
                    foreach (var script in scripts)
                    {
                        if (ScriptSolver.TryExtractDestination(script, out var destination))
                            SetAddressBook(destination, label, AddressPurpose.Receive);
                    }
                }
            }

            spkm.WriteDescriptor();
            MarkDirty();
            RefreshAllTxos();
            return InterfaceResult<DescriptorScriptPubKeyMan>.Success(spkm);
        }
    }

    /// <summary>Derives the key pool ahead on every active descriptor (Core's TopUpKeyPool); false if some could not (locked).</summary>
    public bool TopUpKeyPool(int size = 0)
    {
        lock (_lock)
        {
            bool ok = true;
            foreach (var spkm in GetActiveScriptPubKeyMans())
                ok &= spkm.TopUp(size);
            return ok;
        }
    }

    /// <summary>Unused derived positions of the active receive descriptors (Core's KeypoolCountExternalKeys).</summary>
    public int KeypoolCountExternalKeys()
    {
        lock (_lock) return _externalSpkms.Values.Sum(s => s.KeyPoolSizeRemaining);
    }

    /// <summary>Unused derived positions of every active descriptor (Core's GetKeyPoolSize).</summary>
    public int GetKeyPoolSize()
    {
        lock (_lock) return GetActiveScriptPubKeyMans().Sum(s => s.KeyPoolSizeRemaining);
    }

    /// <summary>True if every active descriptor is ranged, and there is one.</summary>
    public bool IsHdEnabled()
    {
        var active = GetActiveScriptPubKeyMans();
        return active.Count > 0 && active.All(s => s.IsHdEnabled);
    }

    /// <summary>True if some active descriptor for <paramref name="internalChain"/> can hand out addresses (Core's CanGetAddresses).</summary>
    public bool CanGetAddresses(bool internalChain = false)
    {
        lock (_lock)
        {
            if (_spkms.Count == 0) return false;
            return OutputTypes.All.Any(t => GetScriptPubKeyMan(t, internalChain) is { } s && s.CanGetAddresses());
        }
    }

    /// <summary>
    /// Every extended public key of the descriptors <paramref name="filter"/> selects, with the descriptors using it
    /// (Core's GetHDPubKeys).
    /// </summary>
    public IReadOnlyDictionary<ExtPubKey, List<DescriptorScriptPubKeyMan>> GetHdPubKeys(HdKeyFilter filter)
    {
        lock (_lock)
        {
            var result = new Dictionary<ExtPubKey, List<DescriptorScriptPubKeyMan>>();
            foreach (var spkm in filter == HdKeyFilter.Active ? GetActiveScriptPubKeyMans() : ScriptPubKeyMans)
            {
                if (filter == HdKeyFilter.UnusedKey && spkm.Descriptor.HasScripts) continue;
                foreach (var xpub in spkm.Descriptor.GetPubKeys().ExtPubKeys)
                {
                    if (!result.TryGetValue(xpub, out var list)) result[xpub] = list = [];
                    if (!list.Contains(spkm)) list.Add(spkm);
                }
            }

            return result;
        }
    }

    /// <summary>The extended private key of <paramref name="xpub"/> if a descriptor holds its key (Core's GetExtKey); null when unknown or locked.</summary>
    public ExtKey? GetExtKey(ExtPubKey xpub)
    {
        ArgumentNullException.ThrowIfNull(xpub);
        if (GetKey(xpub.PubKey.Hash) is not { } key) return null;
        return new ExtKey(xpub, key);
    }

    /// <summary>The private key with hash <paramref name="id"/> from any descriptor, if available.</summary>
    public Key? GetKey(KeyId id)
    {
        foreach (var spkm in ScriptPubKeyMans)
        {
            if (spkm.GetKey(id) is { } key) return key;
        }

        return null;
    }
}
