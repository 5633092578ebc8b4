using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>
    /// Reads every record of the file into memory (Core's WalletBatch::LoadWallet), worst outcome returned. Nothing is
    /// written unless the file loaded cleanly (a damaged file is never made worse).
    /// </summary>
    internal DbErrors LoadFromDatabase()
    {
        lock (_lock)
        {
            var batch = new WalletBatch(Database);
            var result = DbErrors.LoadOk;
            int? lastClient = batch.ReadVersion();
            if (lastClient is not null) LogPrint($"Last client version = {lastClient}");
            bool anyUnordered = false;
            try
            {
                if (Database.Read(DbKeys.Prefix(DbKeys.Flags)) is { } flagsValue)
                {
                    ulong flags = new DataReader(flagsValue).ReadUInt64();
                    if (!LoadWalletFlags(flags))
                    {
                        LogPrint("Error reading wallet database: Unknown non-tolerable wallet flags found");
                        return DbErrors.TooNew;
                    }

                    if (!IsWalletFlagSet(WalletFlags.Descriptors)) return DbErrors.LegacyWallet;
                }

                if (IsWalletFlagSet(WalletFlags.ExternalSigner))
                {
                    LogPrint("Error: External signer wallet being loaded without external signer support compiled");
                    return DbErrors.ExternalSignerSupportRequired;
                }

                if (DbKeys.LegacyTypes.Any(t => Database.ReadPrefix(DbKeys.Prefix(t)).Count > 0))
                {
                    if (!IsWalletFlagSet(WalletFlags.Descriptors)) return DbErrors.LegacyWallet;
                    LogPrint($"Error: Unexpected legacy entry found in descriptor wallet {Name}. The wallet might have been tampered with or created with malicious intent.");
                    return DbErrors.UnexpectedLegacyEntry;
                }

                result = Max(result, LoadDescriptorRecords(lastClient));
                if (result == DbErrors.UnknownDescriptor) return result;
                result = Max(result, LoadAddressBookRecords());
                result = Max(result, LoadActiveSpkms());
                result = Max(result, LoadMasterKeys());
                result = Max(result, LoadTxRecords(out anyUnordered));
            }
            catch (Exception e) when (e is WalletDataException or InvalidOperationException or FormatException or ArgumentException)
            {
                LogPrint(e.Message);
                result = DbErrors.Corrupt;
            }

            if (result != DbErrors.LoadOk) return result;
            if (lastClient != ClientVersion) batch.WriteVersion(ClientVersion);
            if (anyUnordered) result = ReorderTransactions();
            try
            {
                UpgradeDescriptorCache();
            }
            catch (InvalidOperationException)
            {
                result = DbErrors.Corrupt;
            }

            // Encryption keys in a wallet without private keys are leftovers of an old bug: remove them.
            if (IsWalletFlagSet(WalletFlags.DisablePrivateKeys) && _masterKeys.Count > 0 && !HaveCryptedKeys())
            {
                LogPrint("Detected extraneous encryption keys in this wallet without private keys. Removing extraneous encryption keys.");
                foreach (var id in _masterKeys.Keys.ToList())
                {
                    if (!batch.EraseMasterKey(id))
                    {
                        LogPrint($"Error: Unable to remove extraneous encryption key '{id}'. Wallet corrupt.");
                        return DbErrors.Corrupt;
                    }
                }

                _masterKeys.Clear();
            }

            return result;
        }
    }

    /// <summary>
    /// Reads the wallet's records into memory (Core's PopulateWalletFromDB) without a chain and without topping up the
    /// key pool: the outcome, with Core's message in <paramref name="error"/> for a failure and in
    /// <paramref name="warnings"/> for a non-critical problem. Used by loading and by the offline wallet tool.
    /// </summary>
    internal DbErrors PopulateWalletFromDb(out string error, List<BilingualString> warnings)
    {
        error = "";
        var loadResult = LoadFromDatabase();
        var file = Database.Filename;
        switch (loadResult)
        {
            case DbErrors.LoadOk:
                break;
            case DbErrors.NonCriticalError:
                warnings.Add(BilingualString.Untranslated($"Error reading {file}! All keys read correctly, but transaction data or address metadata may be missing or incorrect."));
                break;
            case DbErrors.NeedRescan:
                warnings.Add(BilingualString.Untranslated($"Error reading {file}! Transaction data may be missing or incorrect. Rescanning wallet."));
                break;
            case DbErrors.Corrupt:
                error = $"Error loading {file}: Wallet corrupted";
                break;
            case DbErrors.TooNew:
                error = $"Error loading {file}: Wallet requires newer version of Bitcoin Core";
                break;
            case DbErrors.ExternalSignerSupportRequired:
                error = $"Error loading {file}: External signer wallet being loaded without external signer support compiled";
                break;
            case DbErrors.UnknownDescriptor:
                error = $"Unrecognized descriptor found. Loading wallet {file}\n\nThe wallet might have been created on a newer version.\nPlease try running the latest software version.\n";
                break;
            case DbErrors.UnexpectedLegacyEntry:
                error = $"Unexpected legacy entry in descriptor wallet found. Loading wallet {file}\n\nThe wallet might have been tampered with or created with malicious intent.\n";
                break;
            case DbErrors.LegacyWallet:
                error = $"Error loading {file}: Wallet is a legacy wallet. Please migrate to a descriptor wallet using the migration tool (migratewallet RPC).";
                break;
            default:
                error = $"Error loading {file}";
                break;
        }

        return loadResult;
    }

    private static DbErrors Max(DbErrors a, DbErrors b) => (DbErrors)Math.Max((int)a, (int)b);

    private DbErrors LoadDescriptorRecords(int? lastClient)
    {
        var result = DbErrors.LoadOk;
        int descriptors = 0, plainKeys = 0, cryptedKeys = 0;
        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.WalletDescriptor)))
        {
            var keyReader = new DataReader(key);
            keyReader.ReadString();
            var id = keyReader.ReadUInt256();
            WalletDescriptor descriptor;
            try
            {
                var r = new DataReader(value);
                var text = r.ReadString();
                ulong creationTime = r.ReadUInt64();
                int nextIndex = r.ReadInt32();
                int rangeStart = r.ReadInt32();
                int rangeEnd = r.ReadInt32();
                if (!Descriptor.TryParse(text, Network, new FlatSigningProvider(), out var parsed, out var error, requireChecksum: true))
                    throw new WalletDataException("Invalid descriptor: " + error);
                if (parsed.Count > 1) throw new WalletDataException("Can't load a multipath descriptor from databases");
                descriptor = new WalletDescriptor(parsed[0], creationTime, rangeStart, rangeEnd, nextIndex);
            }
            catch (WalletDataException e)
            {
                var message = $"Error: Unrecognized descriptor found in wallet {Name}. " +
                              (lastClient > ClientVersion
                                  ? "The wallet might have been created on a newer version. "
                                  : "The database might be corrupted or the software version is not compatible with one of your wallet descriptors. ") +
                              $"Please try running the latest software version\nDetails: {e.Message}";
                LogPrint(message);
                return DbErrors.UnknownDescriptor;
            }

            if (id != descriptor.Id)
            {
                LogPrint("The descriptor ID calculated by the wallet differs from the one in DB");
                return DbErrors.Corrupt;
            }

            var idPrefix = new DataWriter().WriteUInt256(id).ToArray();
            foreach (var (cacheKey, cacheValue) in Database.ReadPrefix([.. DbKeys.Prefix(DbKeys.WalletDescriptorCache), .. idPrefix]))
            {
                var r = new DataReader(cacheKey);
                r.ReadString();
                r.ReadUInt256();
                uint keyExpIndex = r.ReadUInt32();
                var xpub = WalletBatch.DecodeXpub(new DataReader(cacheValue).ReadBytes());
                if (r.Remaining >= 4) descriptor.Cache.CacheDerivedExtPubKey(keyExpIndex, r.ReadUInt32(), xpub);
                else descriptor.Cache.CacheParentExtPubKey(keyExpIndex, xpub);
            }

            foreach (var (cacheKey, cacheValue) in Database.ReadPrefix([.. DbKeys.Prefix(DbKeys.WalletDescriptorLhCache), .. idPrefix]))
            {
                var r = new DataReader(cacheKey);
                r.ReadString();
                r.ReadUInt256();
                descriptor.Cache.CacheLastHardenedExtPubKey(r.ReadUInt32(), WalletBatch.DecodeXpub(new DataReader(cacheValue).ReadBytes()));
            }

            var keys = new Dictionary<KeyId, Key>();
            foreach (var (keyKey, keyValue) in Database.ReadPrefix([.. DbKeys.Prefix(DbKeys.WalletDescriptorKey), .. idPrefix]))
            {
                var r = new DataReader(keyKey);
                r.ReadString();
                r.ReadUInt256();
                var pubkeyBytes = r.ReadBytes();
                if (!TryPubKey(pubkeyBytes, out var pubkey))
                {
                    LogPrint("Error reading wallet database: descriptor unencrypted key CPubKey corrupt");
                    return DbErrors.Corrupt;
                }

                var v = new DataReader(keyValue);
                var der = v.ReadBytes();
                var hash = v.ReadUInt256();
                if (NBitcoin.Crypto.Hashes.DoubleSHA256([.. pubkeyBytes, .. der]) != hash)
                {
                    LogPrint("Error reading wallet database: descriptor unencrypted key CPubKey/CPrivKey corrupt");
                    return DbErrors.Corrupt;
                }

                var privateKey = PrivateKeyDer.Import(der, pubkey, skipCheck: true);
                if (privateKey is null)
                {
                    LogPrint("Error reading wallet database: descriptor unencrypted key CPrivKey corrupt");
                    return DbErrors.Corrupt;
                }

                keys[pubkey.Hash] = privateKey;
            }

            var crypted = new Dictionary<KeyId, (PubKey, byte[])>();
            foreach (var (keyKey, keyValue) in Database.ReadPrefix([.. DbKeys.Prefix(DbKeys.WalletDescriptorCKey), .. idPrefix]))
            {
                var r = new DataReader(keyKey);
                r.ReadString();
                r.ReadUInt256();
                if (!TryPubKey(r.ReadBytes(), out var pubkey))
                {
                    LogPrint("Error reading wallet database: descriptor encrypted key CPubKey corrupt");
                    return DbErrors.Corrupt;
                }

                crypted[pubkey.Hash] = (pubkey, new DataReader(keyValue).ReadBytes());
            }

            plainKeys += keys.Count;
            cryptedKeys += crypted.Count;
            LoadDescriptorScriptPubKeyMan(descriptor, keys, crypted);
            descriptors++;
        }

        LogPrint($"Descriptors: {descriptors}, Descriptor Keys: {plainKeys} plaintext, {cryptedKeys} encrypted, {plainKeys + cryptedKeys} total.");
        return result;
    }

    private static bool TryPubKey(byte[] bytes, out PubKey pubkey)
    {
        try
        {
            pubkey = new PubKey(bytes);
            return true;
        }
        catch (FormatException)
        {
            pubkey = null!;
            return false;
        }
        catch (ArgumentException)
        {
            pubkey = null!;
            return false;
        }
    }

    private TxDestination Decode(string address) => AddressEncoding.DecodeDestination(address, Network).Destination;

    private DbErrors LoadAddressBookRecords()
    {
        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.Name)))
        {
            var r = new DataReader(key);
            r.ReadString();
            LoadAddressBookName(Decode(r.ReadString()), new DataReader(value).ReadString());
        }

        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.Purpose)))
        {
            var r = new DataReader(key);
            r.ReadString();
            var address = r.ReadString();
            var text = new DataReader(value).ReadString();
            var purpose = AddressBookData.PurposeFromString(text);
            if (purpose is null) LogPrint($"Warning: nonstandard purpose string '{text}' for address '{address}'");
            LoadAddressBookPurpose(Decode(address), purpose);
        }

        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.DestData)))
        {
            var r = new DataReader(key);
            r.ReadString();
            var destination = Decode(r.ReadString());
            var dataKey = r.ReadString();
            var dataValue = new DataReader(value).ReadString();
            if (dataKey == "used") LoadAddressPreviouslySpent(destination);
            else if (dataKey.StartsWith("rr", StringComparison.Ordinal)) LoadAddressReceiveRequest(destination, dataKey[2..], dataValue);
        }

        return DbErrors.LoadOk;
    }

    private DbErrors LoadActiveSpkms()
    {
        var seen = new HashSet<(OutputType, bool)>();
        foreach (var internalChain in new[] { false, true })
        {
            foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(internalChain ? DbKeys.ActiveInternalSpk : DbKeys.ActiveExternalSpk)))
            {
                var r = new DataReader(key);
                r.ReadString();
                var type = (OutputType)r.ReadByte();
                var id = new DataReader(value).ReadUInt256();
                if (!seen.Add((type, internalChain)))
                {
                    LogPrint("Multiple ScriptpubKeyMans specified for a single type");
                    return DbErrors.Corrupt;
                }

                LoadActiveScriptPubKeyMan(id, type, internalChain);
            }
        }

        return DbErrors.LoadOk;
    }

    private DbErrors LoadMasterKeys()
    {
        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.MasterKey)))
        {
            var r = new DataReader(key);
            r.ReadString();
            LoadMasterKey(r.ReadUInt32(), WalletBatch.ReadMasterKeyValue(value));
        }

        return DbErrors.LoadOk;
    }

    private DbErrors LoadTxRecords(out bool anyUnordered)
    {
        anyUnordered = false;
        var result = DbErrors.LoadOk;
        var variants = new Dictionary<uint256, List<Transaction>>();
        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.WtxVariant)))
        {
            var r = new DataReader(key);
            r.ReadString();
            var txid = r.ReadUInt256();
            var tx = new DataReader(value).ReadTransaction();
            if (tx.GetHash() != txid) throw new WalletDataException("Corrupted witness variant, tx hash differs");
            if (!variants.TryGetValue(txid, out var list)) variants[txid] = list = [];
            list.Add(tx);
        }

        foreach (var (key, value) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.Tx)))
        {
            var r = new DataReader(key);
            r.ReadString();
            var txid = r.ReadUInt256();
            WalletTransaction wtx;
            try
            {
                wtx = WalletTxRecord.Deserialize(value);
                foreach (var variant in variants.GetValueOrDefault(txid) ?? []) wtx.AddVariant(variant);
            }
            catch (WalletDataException e)
            {
                LogPrint($"Error: Corrupt tx record found: {e.Message}");
                return DbErrors.Corrupt;
            }

            if (wtx.TxId != txid) result = Max(result, DbErrors.NeedRescan);
            if (wtx.OrderPos == -1) anyUnordered = true;
            if (!LoadToWallet(wtx))
            {
                LogPrint("Error: Corrupt transaction found. This can be fixed by removing transactions from wallet and rescanning.");
                return DbErrors.Corrupt;
            }
        }

        foreach (var (key, _) in Database.ReadPrefix(DbKeys.Prefix(DbKeys.LockedUtxo)))
        {
            var r = new DataReader(key);
            r.ReadString();
            var hash = r.ReadUInt256();
            LoadLockedCoin(new OutPoint(hash, r.ReadUInt32()), persistent: true);
        }

        if (Database.Read(DbKeys.Prefix(DbKeys.OrderPosNext)) is { } next)
        {
            try
            {
                _orderPosNext = new DataReader(next).ReadInt64();
            }
            catch (WalletDataException e)
            {
                LogPrint(e.Message);
                result = Max(result, DbErrors.NonCriticalError);
            }
        }

        // A coinbase whose block is no longer in the active chain can never confirm again.
        foreach (var wtx in _transactions.Values.ToList())
        {
            if (wtx.IsCoinBase && wtx.IsInactive && !wtx.IsAbandoned)
                AbandonTransaction(wtx.TxId);
        }

        return result;
    }

    /// <summary>Gives old unordered transactions positions by time received (Core's ReorderTransactions).</summary>
    private DbErrors ReorderTransactions()
    {
        var batch = new WalletBatch(Database);
        var byTime = _transactions.Values.OrderBy(w => w.TimeReceived).ToList();
        _ordered.Clear();
        _orderPosNext = 0;
        var offsets = new List<long>();
        foreach (var wtx in byTime)
        {
            if (wtx.OrderPos == -1)
            {
                wtx.OrderPos = _orderPosNext++;
                offsets.Add(wtx.OrderPos);
                if (!batch.WriteTx(wtx)) return DbErrors.LoadFail;
            }
            else
            {
                long shift = offsets.Count(start => wtx.OrderPos >= start);
                wtx.OrderPos += shift;
                _orderPosNext = Math.Max(_orderPosNext, wtx.OrderPos + 1);
                if (shift != 0 && !batch.WriteTx(wtx)) return DbErrors.LoadFail;
            }
        }

        foreach (var wtx in _transactions.Values) _ordered.Add(wtx);
        batch.WriteOrderPosNext(_orderPosNext);
        return DbErrors.LoadOk;
    }
}
