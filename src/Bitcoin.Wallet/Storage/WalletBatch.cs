using Bitcoin.Common.Addresses;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// Reads and writes the wallet's records with Core's keys and value serializations (walletdb.cpp
/// <c>WalletBatch</c>). Every write returns false on failure; several writes are made atomic with
/// <see cref="TxnBegin"/> / <see cref="TxnCommit"/>.
/// </summary>
internal sealed class WalletBatch
{
    public WalletBatch(SqliteWalletDatabase database) => Database = database ?? throw new ArgumentNullException(nameof(database));

    public SqliteWalletDatabase Database { get; }

    public bool TxnBegin() => Database.TxnBegin();

    public bool TxnCommit() => Database.TxnCommit();

    public bool TxnAbort() => Database.TxnAbort();

    // ---- keys ----

    private static DataWriter Key(string type) => new DataWriter().WriteString(type);

    private bool Write(DataWriter key, DataWriter value, bool overwrite = true) => Database.Write(key.ToArray(), value.ToArray(), overwrite);

    private bool Erase(DataWriter key) => Database.Erase(key.ToArray());

    // ---- address book ----

    public bool WriteName(string address, string name) => Write(Key(DbKeys.Name).WriteString(address), new DataWriter().WriteString(name));

    public bool EraseName(string address) => Erase(Key(DbKeys.Name).WriteString(address));

    public bool WritePurpose(string address, string purpose) => Write(Key(DbKeys.Purpose).WriteString(address), new DataWriter().WriteString(purpose));

    public bool ErasePurpose(string address) => Erase(Key(DbKeys.Purpose).WriteString(address));

    public bool WriteAddressPreviouslySpent(string address, bool previouslySpent)
    {
        var key = Key(DbKeys.DestData).WriteString(address).WriteString("used");
        return previouslySpent ? Write(key, new DataWriter().WriteString("1")) : Erase(key);
    }

    public bool WriteAddressReceiveRequest(string address, string id, string request) =>
        Write(Key(DbKeys.DestData).WriteString(address).WriteString("rr" + id), new DataWriter().WriteString(request));

    public bool EraseAddressReceiveRequest(string address, string id) => Erase(Key(DbKeys.DestData).WriteString(address).WriteString("rr" + id));

    public bool EraseAddressData(string address) => Database.ErasePrefix(Key(DbKeys.DestData).WriteString(address).ToArray());

    // ---- transactions ----

    /// <summary>Writes the tx record and a wtxvariant record for every witness variant (the canonical one included), as Core does.</summary>
    public bool WriteTx(WalletTransaction wtx)
    {
        foreach (var (wtxid, tx) in wtx.Variants)
        {
            if (!Write(Key(DbKeys.WtxVariant).WriteUInt256(wtx.TxId).WriteUInt256(wtxid), new DataWriter().WriteTransaction(tx)))
                return false;
        }

        return Database.Write(Key(DbKeys.Tx).WriteUInt256(wtx.TxId).ToArray(), WalletTxRecord.Serialize(wtx));
    }

    public bool EraseTx(uint256 txid) =>
        Erase(Key(DbKeys.Tx).WriteUInt256(txid)) && Database.ErasePrefix(Key(DbKeys.WtxVariant).WriteUInt256(txid).ToArray());

    public bool WriteOrderPosNext(long orderPosNext) => Write(Key(DbKeys.OrderPosNext), new DataWriter().WriteInt64(orderPosNext));

    public bool WriteLockedUtxo(OutPoint output) =>
        Write(Key(DbKeys.LockedUtxo).WriteUInt256(output.Hash).WriteUInt32(output.N), new DataWriter().WriteByte((byte)'1'));

    public bool EraseLockedUtxo(OutPoint output) => Erase(Key(DbKeys.LockedUtxo).WriteUInt256(output.Hash).WriteUInt32(output.N));

    // ---- chain position ----

    /// <summary>Writes an empty "bestblock" (so software that needs merkle branches rescans) and the locator as "bestblock_nomerkle".</summary>
    public bool WriteBestBlock(BlockLocator locator)
    {
        Write(Key(DbKeys.BestBlock), LocatorValue([]));
        return Write(Key(DbKeys.BestBlockNoMerkle), LocatorValue(locator.Blocks));
    }

    /// <summary>The saved locator: "bestblock" if it is not empty, else "bestblock_nomerkle"; null if neither exists.</summary>
    public BlockLocator? ReadBestBlock()
    {
        var best = ReadLocator(DbKeys.BestBlock);
        if (best is not null && best.Blocks.Count > 0) return best;
        return ReadLocator(DbKeys.BestBlockNoMerkle);
    }

    private BlockLocator? ReadLocator(string type)
    {
        var value = Database.Read(Key(type).ToArray());
        if (value is null) return null;
        var r = new DataReader(value);
        r.ReadInt32(); // version, unused
        var locator = new BlockLocator();
        ulong count = r.ReadCompactSize();
        for (ulong i = 0; i < count; i++) locator.Blocks.Add(r.ReadUInt256());
        return locator;
    }

    private static DataWriter LocatorValue(IReadOnlyCollection<uint256> hashes)
    {
        // Core writes CBlockLocator::DUMMY_VERSION as the version.
        var w = new DataWriter().WriteInt32(70016).WriteCompactSize((ulong)hashes.Count);
        foreach (var hash in hashes) w.WriteUInt256(hash);
        return w;
    }

    // ---- metadata ----

    public bool WriteVersion(int version) => Write(Key(DbKeys.Version), new DataWriter().WriteInt32(version));

    public int? ReadVersion() => Database.Read(Key(DbKeys.Version).ToArray()) is { } v ? new DataReader(v).ReadInt32() : null;

    public bool WriteWalletFlags(ulong flags) => Write(Key(DbKeys.Flags), new DataWriter().WriteUInt64(flags));

    // ---- encryption ----

    public bool WriteMasterKey(uint id, MasterKey key) =>
        Write(Key(DbKeys.MasterKey).WriteUInt32(id), new DataWriter()
            .WriteBytes(key.CryptedKey).WriteBytes(key.Salt).WriteUInt32(key.DerivationMethod).WriteUInt32(key.DeriveIterations)
            .WriteBytes(key.OtherDerivationParameters));

    public bool EraseMasterKey(uint id) => Erase(Key(DbKeys.MasterKey).WriteUInt32(id));

    public static MasterKey ReadMasterKeyValue(byte[] value)
    {
        var r = new DataReader(value);
        return new MasterKey
        {
            CryptedKey = r.ReadBytes(),
            Salt = r.ReadBytes(),
            DerivationMethod = r.ReadUInt32(),
            DeriveIterations = r.ReadUInt32(),
            OtherDerivationParameters = r.ReadBytes(),
        };
    }

    /// <summary>True if any mkey record exists (Core's <c>IsEncrypted</c>).</summary>
    public bool IsEncrypted() => Database.ReadPrefix(DbKeys.Prefix(DbKeys.MasterKey)).Count > 0;

    // ---- descriptors ----

    public bool WriteActiveScriptPubKeyMan(OutputType type, uint256 id, bool internalChain) =>
        Write(Key(internalChain ? DbKeys.ActiveInternalSpk : DbKeys.ActiveExternalSpk).WriteByte((byte)type), new DataWriter().WriteUInt256(id));

    public bool EraseActiveScriptPubKeyMan(OutputType type, bool internalChain) =>
        Erase(Key(internalChain ? DbKeys.ActiveInternalSpk : DbKeys.ActiveExternalSpk).WriteByte((byte)type));

    /// <summary>Writes an unencrypted descriptor key with its checksum hash (refuses to overwrite, as Core).</summary>
    public bool WriteDescriptorKey(uint256 descriptorId, PubKey pubkey, byte[] derPrivateKey)
    {
        var checksum = NBitcoin.Crypto.Hashes.DoubleSHA256([.. pubkey.ToBytes(), .. derPrivateKey]);
        return Write(Key(DbKeys.WalletDescriptorKey).WriteUInt256(descriptorId).WriteBytes(pubkey.ToBytes()),
            new DataWriter().WriteBytes(derPrivateKey).WriteUInt256(checksum), overwrite: false);
    }

    /// <summary>Writes an encrypted descriptor key and erases its unencrypted record.</summary>
    public bool WriteCryptedDescriptorKey(uint256 descriptorId, PubKey pubkey, byte[] cryptedSecret)
    {
        if (!Write(Key(DbKeys.WalletDescriptorCKey).WriteUInt256(descriptorId).WriteBytes(pubkey.ToBytes()), new DataWriter().WriteBytes(cryptedSecret), overwrite: false))
            return false;
        Erase(Key(DbKeys.WalletDescriptorKey).WriteUInt256(descriptorId).WriteBytes(pubkey.ToBytes()));
        return true;
    }

    public bool WriteDescriptor(uint256 id, WalletDescriptor descriptor) =>
        Write(Key(DbKeys.WalletDescriptor).WriteUInt256(id), new DataWriter()
            .WriteString(descriptor.Descriptor.ToString())
            .WriteUInt64(descriptor.CreationTime)
            .WriteInt32(descriptor.NextIndex)
            .WriteInt32(descriptor.RangeStart)
            .WriteInt32(descriptor.RangeEnd));

    /// <summary>Writes every item of <paramref name="cache"/> as walletdescriptorcache / walletdescriptorlhcache records.</summary>
    public bool WriteDescriptorCacheItems(uint256 id, Common.Descriptors.DescriptorCache cache)
    {
        foreach (var (keyExpIndex, xpub) in cache.ParentExtPubKeys)
        {
            if (!Write(Key(DbKeys.WalletDescriptorCache).WriteUInt256(id).WriteUInt32(keyExpIndex), XpubValue(xpub)))
                return false;
        }

        foreach (var (keyExpIndex, derived) in cache.DerivedExtPubKeys)
        {
            foreach (var (derIndex, xpub) in derived)
            {
                if (!Write(Key(DbKeys.WalletDescriptorCache).WriteUInt256(id).WriteUInt32(keyExpIndex).WriteUInt32(derIndex), XpubValue(xpub)))
                    return false;
            }
        }

        foreach (var (keyExpIndex, xpub) in cache.LastHardenedExtPubKeys)
        {
            if (!Write(Key(DbKeys.WalletDescriptorLhCache).WriteUInt256(id).WriteUInt32(keyExpIndex), XpubValue(xpub)))
                return false;
        }

        return true;
    }

    // CExtPubKey::Encode: 74 bytes (depth, parent fingerprint, child number big-endian, chain code, compressed key).
    private static DataWriter XpubValue(ExtPubKey xpub) => new DataWriter().WriteBytes(xpub.ToBytes());

    public static ExtPubKey DecodeXpub(byte[] encoded)
    {
        if (encoded.Length != 74) throw new WalletDataException("Invalid extended public key in descriptor cache");
        return new ExtPubKey(encoded);
    }

    /// <summary>Erases every record of the given types.</summary>
    public bool EraseRecords(IEnumerable<string> types) => types.All(t => Database.ErasePrefix(DbKeys.Prefix(t)));
}
