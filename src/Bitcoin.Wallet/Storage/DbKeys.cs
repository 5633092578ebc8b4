namespace Bitcoin.Wallet.Storage;

/// <summary>The record type strings that start every key of Core's wallet database (walletdb.cpp <c>DBKeys</c>).</summary>
internal static class DbKeys
{
    public const string ActiveExternalSpk = "activeexternalspk";
    public const string ActiveInternalSpk = "activeinternalspk";
    public const string BestBlockNoMerkle = "bestblock_nomerkle";
    public const string BestBlock = "bestblock";
    public const string CryptedKey = "ckey";
    public const string CScript = "cscript";
    public const string DefaultKey = "defaultkey";
    public const string DestData = "destdata";
    public const string Flags = "flags";
    public const string HdChain = "hdchain";
    public const string KeyMeta = "keymeta";
    public const string Key = "key";
    public const string LockedUtxo = "lockedutxo";
    public const string MasterKey = "mkey";
    public const string MinVersion = "minversion";
    public const string Name = "name";
    public const string OldKey = "wkey";
    public const string OrderPosNext = "orderposnext";
    public const string Pool = "pool";
    public const string Purpose = "purpose";
    public const string Settings = "settings";
    public const string Tx = "tx";
    public const string WtxVariant = "wtxvariant";
    public const string Version = "version";
    public const string WalletDescriptor = "walletdescriptor";
    public const string WalletDescriptorCache = "walletdescriptorcache";
    public const string WalletDescriptorLhCache = "walletdescriptorlhcache";
    public const string WalletDescriptorCKey = "walletdescriptorckey";
    public const string WalletDescriptorKey = "walletdescriptorkey";
    public const string WatchMeta = "watchmeta";
    public const string Watchs = "watchs";

    /// <summary>Records only legacy (non-descriptor) wallets have; a descriptor wallet holding one is refused.</summary>
    public static readonly string[] LegacyTypes = [CryptedKey, CScript, DefaultKey, HdChain, KeyMeta, Key, OldKey, Pool, WatchMeta, Watchs];

    /// <summary>The key prefix of a record type (its serialized string).</summary>
    public static byte[] Prefix(string type) => new DataWriter().WriteString(type).ToArray();
}
