using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet.Keys;

/// <summary>
/// One descriptor of a wallet and its keys (Core's <c>DescriptorScriptPubKeyMan</c>): derives output scripts into a
/// range that is topped up ahead of use (the key pool, <c>-keypool</c> positions ahead of the next unused one), hands
/// out addresses, recognises its scripts, and supplies keys for signing. Private keys are kept in memory either plain
/// or encrypted (never both) and written as <c>walletdescriptorkey</c> / <c>walletdescriptorckey</c> records.
/// </summary>
/// <remarks>Thread-safe; it shares the wallet's lock.</remarks>
public sealed partial class DescriptorScriptPubKeyMan
{
    private readonly IWalletStorage _storage;
    private readonly Lock _lock;
    private readonly Dictionary<Script, int> _scriptPubKeys = [];
    private readonly Dictionary<PubKey, int> _pubKeys = [];
    private readonly Dictionary<KeyId, Key> _keys = [];
    private readonly Dictionary<KeyId, (PubKey PubKey, byte[] Secret)> _cryptedKeys = [];
    private readonly Dictionary<int, FlatSigningProvider> _signingProviders = [];
    private WalletDescriptor _descriptor;
    private int _maxCachedIndex = -1;
    private bool _decryptionThoroughlyChecked;

    internal DescriptorScriptPubKeyMan(IWalletStorage storage, Lock walletLock, WalletDescriptor descriptor, long keypoolSize)
    {
        _storage = storage;
        _lock = walletLock;
        _descriptor = descriptor;
        KeypoolSize = keypoolSize;
    }

    /// <summary>How many positions are kept derived ahead of the next unused one (-keypool).</summary>
    public long KeypoolSize { get; }

    /// <summary>The descriptor id (the key of its records).</summary>
    public uint256 Id
    {
        get
        {
            lock (_lock) return _descriptor.Id;
        }
    }

    /// <summary>A copy of the descriptor and its range bookkeeping.</summary>
    public WalletDescriptor WalletDescriptor
    {
        get
        {
            lock (_lock) return _descriptor.Clone();
        }
    }

    /// <summary>The descriptor.</summary>
    public Descriptor Descriptor
    {
        get
        {
            lock (_lock) return _descriptor.Descriptor;
        }
    }

    /// <summary>Loads a stored descriptor with its keys (Core's <c>LoadFromStorage</c>); throws <see cref="WalletDataException"/> if it cannot be expanded.</summary>
    internal static DescriptorScriptPubKeyMan Load(IWalletStorage storage, Lock walletLock, WalletDescriptor descriptor, long keypoolSize,
        IReadOnlyDictionary<KeyId, Key> keys, IReadOnlyDictionary<KeyId, (PubKey, byte[])> cryptedKeys)
    {
        if (keys.Count > 0 && cryptedKeys.Count > 0)
            throw new WalletDataException("Wallet contains both unencrypted and encrypted keys");
        var manager = new DescriptorScriptPubKeyMan(storage, walletLock, descriptor, keypoolSize);
        foreach (var (id, key) in keys) manager._keys[id] = key;
        foreach (var (id, ckey) in cryptedKeys) manager._cryptedKeys[id] = ckey;
        manager.LoadRange();
        return manager;
    }

    /// <summary>A new descriptor made from an import, with its private keys written and its range topped up (Core's <c>CreateFromImport</c>).</summary>
    internal static DescriptorScriptPubKeyMan CreateFromImport(IWalletStorage storage, Lock walletLock, WalletDescriptor descriptor, long keypoolSize,
        FlatSigningProvider provider)
    {
        var manager = new DescriptorScriptPubKeyMan(storage, walletLock, descriptor, keypoolSize);
        lock (walletLock)
        {
            var batch = new WalletBatch(storage.Database);
            manager.UpdateWithSigningProvider(batch, provider);
        }

        return manager;
    }

    /// <summary>
    /// A new single-key BIP32 descriptor of <paramref name="type"/> for <paramref name="masterKey"/>, as Core creates
    /// for a new wallet (Core's <c>GenerateNewSingleSig</c>): pkh/44h, sh(wpkh)/49h, wpkh/84h or tr/86h,
    /// coin type 0h (main) or 1h (test chains), account 0h, chain 0 (receive) or 1 (change).
    /// </summary>
    internal static DescriptorScriptPubKeyMan GenerateNewSingleSig(IWalletStorage storage, Lock walletLock, WalletBatch batch, long keypoolSize,
        ExtKey masterKey, OutputType type, bool internalChain, Network network, bool testChain, long now)
    {
        var descriptor = GenerateWalletDescriptor(masterKey.Neuter(), type, internalChain, network, testChain, now);
        var manager = new DescriptorScriptPubKeyMan(storage, walletLock, descriptor, keypoolSize);
        lock (walletLock)
        {
            if (!manager.AddDescriptorKeyWithDb(batch, masterKey.PrivateKey, masterKey.PrivateKey.PubKey))
                throw new InvalidOperationException("SetupDescriptorGeneration: writing descriptor master private key failed");
            if (!batch.WriteDescriptor(manager._descriptor.Id, manager._descriptor))
                throw new InvalidOperationException("SetupDescriptorGeneration: writing descriptor failed");
            if (storage.HasEncryptionKeys())
                manager._decryptionThoroughlyChecked = true;
            manager.TopUpWithDb(batch, 0);
            storage.UnsetBlankWalletFlag(batch);
        }

        return manager;
    }

    /// <summary>The descriptor Core writes for a new wallet (walletutil.cpp <c>GenerateWalletDescriptor</c>).</summary>
    public static WalletDescriptor GenerateWalletDescriptor(ExtPubKey masterKey, OutputType type, bool internalChain, Network network, bool testChain, long creationTime)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        string xpub = AddressEncoding.EncodeExtPubKey(masterKey, network);
        string suffix = "/*)";
        string prefix = type switch
        {
            OutputType.Legacy => "pkh(" + xpub + "/44h",
            OutputType.P2shSegwit => "sh(wpkh(" + xpub + "/49h",
            OutputType.Bech32 => "wpkh(" + xpub + "/84h",
            OutputType.Bech32m => "tr(" + xpub + "/86h",
            _ => throw new ArgumentOutOfRangeException(nameof(type), "A descriptor cannot be generated for this output type"),
        };
        if (type == OutputType.P2shSegwit) suffix += ")";
        // Mainnet derives at coin type 0h, every test chain at 1h.
        prefix += testChain ? "/1h" : "/0h";
        var text = prefix + "/0h" + (internalChain ? "/1" : "/0") + suffix;
        var parsed = Descriptor.Parse(text, network, new FlatSigningProvider());
        return new WalletDescriptor(parsed[0], (ulong)creationTime, 0, 0, 0);
    }

    // Core's Load(): expands every cached position and registers its scripts and keys.
    private void LoadRange()
    {
        var newScripts = new List<Script>();
        for (int i = _descriptor.RangeStart; i < _descriptor.RangeEnd; i++)
        {
            var outKeys = new FlatSigningProvider();
            if (!_descriptor.Descriptor.ExpandFromCache(i, _descriptor.Cache, out var scripts, outKeys))
                throw new WalletDataException("Error: Unable to expand wallet descriptor from cache");
            foreach (var script in scripts)
            {
                if (_scriptPubKeys.TryGetValue(script, out var existing))
                    throw new WalletDataException($"Error: Already loaded script at index {i} as being at index {existing}");
                _scriptPubKeys[script] = i;
                newScripts.Add(script);
            }

            foreach (var pubkey in outKeys.PubKeys.Values)
                _pubKeys.TryAdd(pubkey, i);
            _maxCachedIndex++;
        }

        _storage.TopUpCallback(newScripts, this);
    }

    /// <summary>True if <paramref name="script"/> is one of the derived output scripts.</summary>
    public bool IsMine(Script script)
    {
        lock (_lock) return _scriptPubKeys.ContainsKey(script);
    }

    /// <summary>The position <paramref name="script"/> was derived at, or null.</summary>
    public int? GetScriptIndex(Script script)
    {
        lock (_lock) return _scriptPubKeys.TryGetValue(script, out var index) ? index : null;
    }

    /// <summary>The derived output scripts at positions at or above <paramref name="minimumIndex"/>.</summary>
    public IReadOnlyList<Script> GetScriptPubKeys(int minimumIndex = 0)
    {
        lock (_lock) return _scriptPubKeys.Where(p => p.Value >= minimumIndex).Select(p => p.Key).ToList();
    }

    /// <summary>The position after the last derived one (Core's <c>GetEndRange</c>).</summary>
    public int EndRange
    {
        get
        {
            lock (_lock) return _maxCachedIndex + 1;
        }
    }

    /// <summary>True if the descriptor is ranged (HD).</summary>
    public bool IsHdEnabled
    {
        get
        {
            lock (_lock) return _descriptor.Descriptor.IsRange;
        }
    }

    /// <summary>
    /// True if it can hand out addresses: a single-type ranged descriptor that has private keys, unused derived
    /// positions, or can derive without private keys (Core's <c>CanGetAddresses</c>).
    /// </summary>
    public bool CanGetAddresses()
    {
        lock (_lock)
        {
            var d = _descriptor.Descriptor;
            return d.IsSingleType && d.IsRange && (HavePrivateKeys || _descriptor.NextIndex < _descriptor.RangeEnd || d.CanSelfExpand);
        }
    }

    /// <summary>True if it holds private keys (plain or encrypted).</summary>
    public bool HavePrivateKeys
    {
        get
        {
            lock (_lock) return _keys.Count > 0 || _cryptedKeys.Count > 0;
        }
    }

    /// <summary>True if it holds encrypted private keys.</summary>
    public bool HaveCryptedKeys
    {
        get
        {
            lock (_lock) return _cryptedKeys.Count > 0;
        }
    }

    /// <summary>Derived positions not yet handed out.</summary>
    public int KeyPoolSizeRemaining
    {
        get
        {
            lock (_lock) return _descriptor.RangeEnd - _descriptor.NextIndex;
        }
    }

    /// <summary>The creation time of its keys (seconds since the epoch).</summary>
    public long TimeFirstKey
    {
        get
        {
            lock (_lock) return (long)_descriptor.CreationTime;
        }
    }

    /// <summary>True if <paramref name="other"/> is this descriptor (same id).</summary>
    public bool HasWalletDescriptor(WalletDescriptor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        lock (_lock) return _descriptor.Id == other.Id;
    }

    /// <summary>Writes the descriptor record (range and next index).</summary>
    public void WriteDescriptor()
    {
        lock (_lock)
        {
            if (!new WalletBatch(_storage.Database).WriteDescriptor(_descriptor.Id, _descriptor))
                throw new InvalidOperationException("WriteDescriptor: writing descriptor failed");
        }
    }

    private void LogPrint(string message) => Log.Info($"[{_storage.LogName}] {message}");
}
