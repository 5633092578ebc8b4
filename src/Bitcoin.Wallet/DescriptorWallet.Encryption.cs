using System.Security.Cryptography;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    private readonly Dictionary<uint, MasterKey> _masterKeys = [];
    private uint _masterKeyMaxId;
    private byte[] _plainMasterKey = [];
    private readonly Lock _relockLock = new();
    private Timer? _relockTimer;

    /// <summary>When the wallet locks itself again after walletpassphrase (seconds since the epoch; 0 when locked). Core's nRelockTime.</summary>
    public long RelockTime { get; private set; }

    /// <summary>True if the wallet has a master key (Core's HasEncryptionKeys).</summary>
    public bool HasEncryptionKeys()
    {
        lock (_lock) return _masterKeys.Count > 0;
    }

    /// <summary>True if the wallet is encrypted and locked.</summary>
    public bool IsLocked()
    {
        lock (_lock) return _masterKeys.Count > 0 && _plainMasterKey.Length == 0;
    }

    /// <summary>True if any descriptor holds encrypted keys.</summary>
    public bool HaveCryptedKeys() => ScriptPubKeyMans.Any(s => s.HaveCryptedKeys);

    bool IWalletStorage.WithEncryptionKey(Func<byte[], bool> callback)
    {
        lock (_lock) return callback(_plainMasterKey);
    }

    internal void LoadMasterKey(uint id, MasterKey key)
    {
        if (_masterKeys.ContainsKey(id))
            throw new WalletDataException($"Error reading wallet database: duplicate CMasterKey id {id}");
        _masterKeys[id] = key;
        if (_masterKeyMaxId < id) _masterKeyMaxId = id;
    }

    internal IReadOnlyDictionary<uint, MasterKey> MasterKeys => _masterKeys;

    internal void ClearMasterKeys() => _masterKeys.Clear();

    /// <summary>
    /// Encrypts the wallet (Core's EncryptWallet): a new random 32-byte master key encrypted under the passphrase
    /// (<c>mkey</c>), every private key re-written encrypted (<c>walletdescriptorckey</c>, plain records erased) in one
    /// database transaction; new descriptors for a non-blank wallet; then the file is rewritten (VACUUM) so no
    /// plain key remains in free pages, and the wallet is left locked. False if already encrypted.
    /// </summary>
    public bool EncryptWallet(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (HasEncryptionKeys()) return false;
        var plainMasterKey = RandomNumberGenerator.GetBytes(WalletCrypter.KeySize);
        var masterKey = new MasterKey { Salt = RandomNumberGenerator.GetBytes(WalletCrypter.SaltSize) };
        if (!WalletCrypter.EncryptMasterKey(passphrase, plainMasterKey, masterKey))
            return false;
        LogPrint($"Encrypting Wallet with an nDeriveIterations of {masterKey.DeriveIterations}");
        lock (_relockLock)
        lock (_lock)
        {
            _masterKeys[++_masterKeyMaxId] = masterKey;
            var batch = new WalletBatch(Database);
            if (!batch.TxnBegin())
            {
                _masterKeys.Remove(_masterKeyMaxId--);
                return false;
            }

            batch.WriteMasterKey(_masterKeyMaxId, masterKey);
            foreach (var spkm in _spkms.Values)
            {
                if (!spkm.Encrypt(plainMasterKey, batch))
                {
                    batch.TxnAbort();
                    // Half of the keys may now be encrypted in memory only: refuse to go on, the file still holds the
                    // unencrypted wallet and a reload restores a consistent state.
                    throw new InvalidOperationException("Error encrypting the wallet's keys; reload the wallet");
                }
            }

            if (!batch.TxnCommit())
                throw new InvalidOperationException("Error committing the encrypted wallet; reload the wallet");

            LockInternal();
            if (!Unlock(passphrase)) return false;
            SetupWalletGeneration();
            LockInternal();
            Database.Rewrite();
        }

        RaiseStatusChanged();
        return true;
    }

    /// <summary>Unlocks with the passphrase (Core's Unlock); false for a wrong passphrase or an unencrypted wallet.</summary>
    public bool Unlock(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        lock (_lock)
        {
            foreach (var masterKey in _masterKeys.Values)
            {
                var plain = WalletCrypter.DecryptMasterKey(passphrase, masterKey);
                if (plain is null) continue;
                if (Unlock(plain))
                {
                    UpgradeDescriptorCache();
                    return true;
                }
            }
        }

        return false;
    }

    private bool Unlock(byte[] plainMasterKey)
    {
        lock (_lock)
        {
            foreach (var spkm in _spkms.Values)
            {
                if (!spkm.CheckDecryptionKey(plainMasterKey)) return false;
            }

            _plainMasterKey = plainMasterKey;
        }

        RaiseStatusChanged();
        return true;
    }

    /// <summary>Forgets the master key (Core's Lock); false if the wallet is not encrypted.</summary>
    public bool Lock()
    {
        if (!HasEncryptionKeys()) return false;
        lock (_relockLock)
        {
            LockInternal();
            CancelRelock();
        }

        RaiseStatusChanged();
        return true;
    }

    private void LockInternal()
    {
        lock (_lock)
        {
            CryptographicOperations.ZeroMemory(_plainMasterKey);
            _plainMasterKey = [];
        }
    }

    /// <summary>
    /// Changes the passphrase (Core's ChangeWalletPassphrase): re-encrypts the master key under the new passphrase
    /// with freshly measured rounds; false if the old passphrase is wrong. The lock state is restored.
    /// </summary>
    public bool ChangeWalletPassphrase(string oldPassphrase, string newPassphrase)
    {
        bool wasLocked = IsLocked();
        lock (_relockLock)
        lock (_lock)
        {
            LockInternal();
            foreach (var (id, masterKey) in _masterKeys)
            {
                var plain = WalletCrypter.DecryptMasterKey(oldPassphrase, masterKey);
                if (plain is null) return false;
                if (!Unlock(plain)) continue;
                if (!WalletCrypter.EncryptMasterKey(newPassphrase, plain, masterKey)) return false;
                LogPrint($"Wallet passphrase changed to an nDeriveIterations of {masterKey.DeriveIterations}");
                new WalletBatch(Database).WriteMasterKey(id, masterKey);
                if (wasLocked) LockInternal();
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Unlocks for <paramref name="timeoutSeconds"/> seconds, then locks again (walletpassphrase); a later call
    /// replaces the timeout. False for a wrong passphrase.
    /// </summary>
    public bool UnlockWithTimeout(string passphrase, long timeoutSeconds)
    {
        lock (_relockLock)
        {
            if (!Unlock(passphrase)) return false;
            TopUpKeyPool();
            CancelRelock();
            RelockTime = WalletTime.Now + timeoutSeconds;
            var dueMs = Math.Clamp(timeoutSeconds * 1000, 0, int.MaxValue - 1);
            var expected = RelockTime;
            _relockTimer = new Timer(_ =>
            {
                lock (_relockLock)
                {
                    // A newer walletpassphrase call moved the relock time: this timer is stale.
                    if (RelockTime != expected) return;
                    LockInternal();
                    RelockTime = 0;
                }

                RaiseStatusChanged();
            }, null, dueMs, Timeout.Infinite);
            return true;
        }
    }

    /// <summary>
    /// Locks the wallet if <paramref name="now"/> (seconds since the epoch) is at or past its relock time: the mock
    /// clock was moved past it (setmocktime), which the real-time relock timer cannot see. False if nothing changed.
    /// </summary>
    internal bool RelockIfDue(long now)
    {
        lock (_relockLock)
        {
            if (RelockTime == 0 || now < RelockTime) return false;
            LockInternal();
            CancelRelock();
        }

        RaiseStatusChanged();
        return true;
    }

    private void CancelRelock()
    {
        _relockTimer?.Dispose();
        _relockTimer = null;
        RelockTime = 0;
    }

    internal void UpgradeDescriptorCache()
    {
        // Nothing to upgrade in a wallet that has no descriptor flag yet (a new, empty file: Core's guard too).
        if (!IsWalletFlagSet(WalletFlags.Descriptors) || IsLocked() || IsWalletFlagSet(WalletFlags.LastHardenedXpubCached)) return;
        foreach (var spkm in ScriptPubKeyMans) spkm.UpgradeDescriptorCache();
        SetWalletFlag(WalletFlags.LastHardenedXpubCached);
    }
}
