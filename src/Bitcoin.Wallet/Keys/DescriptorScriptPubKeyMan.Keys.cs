using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet.Keys;

public sealed partial class DescriptorScriptPubKeyMan
{
    /// <summary>
    /// The private keys: decrypted with the wallet's master key when the wallet is encrypted and unlocked, the plain
    /// ones otherwise; empty when locked.
    /// </summary>
    public IReadOnlyDictionary<KeyId, Key> GetKeys()
    {
        lock (_lock)
        {
            if (_storage.HasEncryptionKeys() && !_storage.IsLocked())
            {
                var keys = new Dictionary<KeyId, Key>();
                foreach (var (id, (pubkey, secret)) in _cryptedKeys)
                {
                    _storage.WithEncryptionKey(master =>
                    {
                        var key = WalletCrypter.DecryptKey(master, secret, pubkey);
                        if (key is not null) keys[id] = key;
                        return key is not null;
                    });
                }

                return keys;
            }

            return new Dictionary<KeyId, Key>(_keys);
        }
    }

    /// <summary>The private key with public key hash <paramref name="id"/>, if held and available (not locked).</summary>
    public Key? GetKey(KeyId id)
    {
        lock (_lock)
        {
            if (_storage.HasEncryptionKeys() && !_storage.IsLocked())
            {
                if (!_cryptedKeys.TryGetValue(id, out var crypted)) return null;
                Key? key = null;
                _storage.WithEncryptionKey(master => (key = WalletCrypter.DecryptKey(master, crypted.Secret, crypted.PubKey)) is not null);
                return key;
            }

            return _keys.GetValueOrDefault(id);
        }
    }

    /// <summary>True if the private key of <paramref name="id"/> is held (plain or encrypted).</summary>
    public bool HasPrivKey(KeyId id)
    {
        lock (_lock) return _keys.ContainsKey(id) || _cryptedKeys.ContainsKey(id);
    }

    /// <summary>Adds a private key, encrypted if the wallet is, and writes it (Core's <c>AddDescriptorKeyWithDB</c>); false if locked or not written.</summary>
    internal bool AddDescriptorKeyWithDb(WalletBatch batch, Key key, PubKey pubkey)
    {
        lock (_lock)
        {
            if (_storage.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                throw new InvalidOperationException("Cannot add private keys to a wallet with private keys disabled");
            var id = pubkey.Hash;
            if (_keys.ContainsKey(id) || _cryptedKeys.ContainsKey(id)) return true;
            if (_storage.HasEncryptionKeys())
            {
                if (_storage.IsLocked()) return false;
                byte[]? secret = null;
                if (!_storage.WithEncryptionKey(master => (secret = WalletCrypter.EncryptKey(master, key)).Length > 0) || secret is null)
                    return false;
                _cryptedKeys[id] = (pubkey, secret);
                return batch.WriteCryptedDescriptorKey(_descriptor.Id, pubkey, secret);
            }

            _keys[id] = key;
            return batch.WriteDescriptorKey(_descriptor.Id, pubkey, PrivateKeyDer.Export(key));
        }
    }

    /// <summary>Adds a private key outside a batch (Core's <c>AddDescriptorKey</c>).</summary>
    internal void AddDescriptorKey(Key key, PubKey pubkey)
    {
        if (!AddDescriptorKeyWithDb(new WalletBatch(_storage.Database), key, pubkey))
            throw new InvalidOperationException("AddDescriptorKey: writing descriptor private key failed");
    }

    /// <summary>Encrypts every plain key with <paramref name="masterKey"/> and writes the encrypted records (Core's <c>Encrypt</c>).</summary>
    internal bool Encrypt(byte[] masterKey, WalletBatch batch)
    {
        lock (_lock)
        {
            if (_cryptedKeys.Count > 0) return false;
            foreach (var key in _keys.Values)
            {
                var pubkey = key.PubKey;
                var secret = WalletCrypter.EncryptKey(masterKey, key);
                _cryptedKeys[pubkey.Hash] = (pubkey, secret);
                if (!batch.WriteCryptedDescriptorKey(_descriptor.Id, pubkey, secret)) return false;
            }

            _keys.Clear();
            _signingProviders.Clear();
            return true;
        }
    }

    /// <summary>
    /// True if <paramref name="masterKey"/> decrypts the keys (Core's <c>CheckDecryptionKey</c>); throws if some keys
    /// decrypt and others do not (a corrupt wallet).
    /// </summary>
    internal bool CheckDecryptionKey(byte[] masterKey)
    {
        lock (_lock)
        {
            if (_keys.Count > 0) return false;
            bool keyPass = _cryptedKeys.Count == 0;
            bool keyFail = false;
            foreach (var (pubkey, secret) in _cryptedKeys.Values)
            {
                if (WalletCrypter.DecryptKey(masterKey, secret, pubkey) is null)
                {
                    keyFail = true;
                    break;
                }

                keyPass = true;
                if (_decryptionThoroughlyChecked) break;
            }

            if (keyPass && keyFail)
            {
                Log.Warning("The wallet is probably corrupted: Some keys decrypt but not all.");
                throw new InvalidOperationException("Error unlocking wallet: some keys decrypt but not all. Your wallet file may be corrupt.");
            }

            if (keyFail || !keyPass) return false;
            _decryptionThoroughlyChecked = true;
            return true;
        }
    }

    /// <summary>
    /// Everything needed to solve (and with <paramref name="includePrivate"/> sign) <paramref name="script"/>: its
    /// scripts, public keys, origins and, when available, private keys; null if the script is not this descriptor's.
    /// </summary>
    public FlatSigningProvider? GetSigningProvider(Script script, bool includePrivate)
    {
        lock (_lock)
        {
            return _scriptPubKeys.TryGetValue(script, out var index) ? GetSigningProvider(index, includePrivate) : null;
        }
    }

    /// <summary>A provider able to sign for <paramref name="pubkey"/> (with private keys), or null (Core's <c>GetSigningProvider(CPubKey)</c>).</summary>
    public FlatSigningProvider? GetSigningProvider(PubKey pubkey)
    {
        lock (_lock)
        {
            if (!_pubKeys.TryGetValue(pubkey, out var index)) return null;
            var provider = GetSigningProvider(index, includePrivate: true);
            return provider is not null && provider.HaveKey(pubkey.Hash) ? provider : null;
        }
    }

    /// <summary>The provider of position <paramref name="index"/>.</summary>
    public FlatSigningProvider? GetSigningProvider(int index, bool includePrivate)
    {
        lock (_lock)
        {
            var result = new FlatSigningProvider();
            if (_signingProviders.TryGetValue(index, out var cached))
            {
                result.Merge(cached);
            }
            else
            {
                if (!_descriptor.Descriptor.ExpandFromCache(index, _descriptor.Cache, out _, result)) return null;
                _signingProviders[index] = result.Clone();
            }

            if (HavePrivateKeys && includePrivate)
            {
                var master = new FlatSigningProvider();
                foreach (var (id, key) in GetKeys()) master.Keys[id] = key;
                _descriptor.Descriptor.ExpandPrivate(index, master, result);
            }

            return result;
        }
    }

    /// <summary>A provider that can solve but not sign <paramref name="script"/> (no private keys), or null.</summary>
    public SigningProvider? GetSolvingProvider(Script script) => GetSigningProvider(script, includePrivate: false);

    /// <summary>
    /// Signs the inputs of <paramref name="tx"/> whose spent outputs (in <paramref name="coins"/>) are this
    /// descriptor's; true if every input is complete. <paramref name="inputErrors"/> collects Core's per-input messages.
    /// </summary>
    public bool SignTransaction(Transaction tx, IReadOnlyDictionary<OutPoint, TxOut> coins, int sighashType, SortedDictionary<int, string> inputErrors)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coins);
        var keys = new FlatSigningProvider();
        foreach (var coin in coins.Values)
        {
            if (GetSigningProvider(coin.ScriptPubKey, includePrivate: true) is { } coinKeys)
                keys.Merge(coinKeys);
        }

        return SignatureProducer.SignTransaction(tx, keys, coins, sighashType, inputErrors);
    }

    /// <summary>Signs a message with the key of a P2PKH address (Core's <c>SignMessage</c>); base64 in <paramref name="signature"/>.</summary>
    public SigningResult SignMessage(string message, KeyId pkHash, out string signature)
    {
        signature = "";
        var provider = GetSigningProvider(new PubKeyHashDestination(pkHash).ToScript(), includePrivate: true);
        if (provider is null || !provider.TryGetKey(pkHash, out var key))
            return SigningResult.PrivateKeyNotAvailable;
        try
        {
            signature = MessageSigning.Sign(key, message);
            return SigningResult.Ok;
        }
        catch (InvalidOperationException)
        {
            return SigningResult.SigningFailed;
        }
    }

    /// <summary>
    /// The descriptor as listdescriptors shows it: with <paramref name="includePrivate"/> its private form (root
    /// xprv), else the normalized public form; false if the private keys are not available.
    /// </summary>
    public bool TryGetDescriptorString(bool includePrivate, out string text)
    {
        lock (_lock)
        {
            var provider = new FlatSigningProvider();
            foreach (var (id, key) in GetKeys()) provider.Keys[id] = key;
            return includePrivate
                ? _descriptor.Descriptor.TryGetPrivateString(provider, out text)
                : _descriptor.Descriptor.TryGetNormalizedString(provider, out text, _descriptor.Cache);
        }
    }

    /// <summary>The key origin and creation time of the key of <paramref name="destination"/>, for getaddressinfo (Core's <c>GetMetadata</c>).</summary>
    public (KeyOriginInfo Origin, long CreateTime)? GetMetadata(TxDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = GetSigningProvider(destination.ToScript(), includePrivate: false);
        if (provider is null) return null;
        var keyId = KeyForDestination(provider, destination);
        if (keyId is not null && provider.TryGetKeyOrigin(keyId, out var origin))
            return (origin, TimeFirstKey);
        return null;
    }

    /// <summary>Core's <c>GetKeyForDestination</c>: the key id a destination stands for, looking through P2SH-wrapped witness keys and taproot output keys.</summary>
    internal static KeyId? KeyForDestination(SigningProvider provider, TxDestination destination)
    {
        switch (destination)
        {
            case PubKeyHashDestination pkh:
                return pkh.Hash;
            case WitnessV0KeyHashDestination wpkh:
                return wpkh.Hash;
            case ScriptHashDestination sh:
                if (provider.TryGetScript(sh.Hash, out var redeem) && ScriptSolver.TryExtractDestination(redeem, out var inner) &&
                    inner is WitnessV0KeyHashDestination innerWpkh)
                    return innerWpkh.Hash;
                return null;
            case WitnessV1TaprootDestination tr:
                // Only a key-path-only output (no script tree) stands for one key.
                if (provider.TryGetTaprootSpendData(new XOnlyPubKey(tr.OutputKey), out var spend) && !spend.InternalKey.IsNull &&
                    spend.MerkleRoot is null && provider.TryGetPubKeyByXOnly(spend.InternalKey, out var full))
                    return full.Hash;
                return null;
            default:
                return null;
        }
    }
}
