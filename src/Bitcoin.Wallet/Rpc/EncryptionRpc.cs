using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Encryption commands (Core's wallet/rpc/encrypt.cpp): walletpassphrase, walletpassphrasechange, walletlock, encryptwallet.</summary>
internal static class EncryptionRpc
{
    private const string Wallet = "wallet";

    /// <summary>The longest walletpassphrase timeout (about three years, as Core caps it).</summary>
    private const long MaxSleepTime = 100_000_000;

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, WalletPassphrase()),
        (Wallet, WalletPassphraseChange()),
        (Wallet, WalletLock()),
        (Wallet, EncryptWallet()),
    ];

    private static RpcException IncorrectPassphrase(string passphrase, bool old) => new(RpcErrorCode.WalletPassphraseIncorrect,
        !passphrase.Contains('\0', StringComparison.Ordinal)
            ? "Error: The wallet passphrase entered was incorrect."
            : old
                ? "Error: The old wallet passphrase entered is incorrect. It contains a null character (ie - a zero byte). " +
                  "If the old passphrase was set with a version of this software prior to 25.0, please try again with only the characters up to — but not including — the first null character."
                : "Error: The wallet passphrase entered is incorrect. It contains a null character (ie - a zero byte). " +
                  "If the passphrase was set with a version of this software prior to 25.0, please try again with only the characters up to — but not including — the first null character. " +
                  "If this is successful, please set a new passphrase to avoid this issue in the future.");

    private static RpcMethod WalletPassphrase() => new(
        "walletpassphrase",
        "Keeps the wallet's decryption key in memory for 'timeout' seconds, as sending and signing need.\n" +
        "\nNote:\n" +
        "Calling it while the wallet is unlocked replaces the previous timeout.",
        [
            Required("passphrase", RpcArgType.Str, "The passphrase."),
            Required("timeout", RpcArgType.Num, "Seconds to keep the key; at most 100000000 (about 3 years)."),
        ],
        [Null()],
        "\nUnlock for 60 seconds\n" + RpcExamples.Cli("walletpassphrase", "\"my pass phrase\" 60") +
        "\nLock again before that\n" + RpcExamples.Cli("walletlock", "") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("walletpassphrase", "\"my pass phrase\", 60"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (!wallet.HasEncryptionKeys())
                throw new RpcException(RpcErrorCode.WalletWrongEncState, "Error: running with an unencrypted wallet, but walletpassphrase was called.");
            var passphrase = call.Param(0).GetStr();
            long timeout = call.Param(1).GetInt64();
            if (timeout < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Timeout cannot be negative.");
            timeout = Math.Min(timeout, MaxSleepTime);
            if (passphrase.Length == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "passphrase cannot be empty");
            if (!wallet.UnlockWithTimeout(passphrase, timeout)) throw IncorrectPassphrase(passphrase, old: false);
            return null;
        });

    private static RpcMethod WalletPassphraseChange() => new(
        "walletpassphrasechange",
        "Changes the wallet's passphrase from 'oldpassphrase' to 'newpassphrase'.",
        [
            Required("oldpassphrase", RpcArgType.Str, "The current passphrase."),
            Required("newpassphrase", RpcArgType.Str, "The new passphrase."),
        ],
        [Null()],
        Examples("walletpassphrasechange", "\"old one\" \"new one\"", "\"old one\", \"new one\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (!wallet.HasEncryptionKeys())
                throw new RpcException(RpcErrorCode.WalletWrongEncState, "Error: running with an unencrypted wallet, but walletpassphrasechange was called.");
            if (wallet.IsScanningWithPassphrase)
                throw new RpcException(RpcErrorCode.WalletError, "Error: the wallet is currently being used to rescan the blockchain for related transactions. Please call `abortrescan` before changing the passphrase.");
            var oldPassphrase = call.Param(0).GetStr();
            var newPassphrase = call.Param(1).GetStr();
            if (oldPassphrase.Length == 0 || newPassphrase.Length == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "passphrase cannot be empty");
            if (!wallet.ChangeWalletPassphrase(oldPassphrase, newPassphrase)) throw IncorrectPassphrase(oldPassphrase, old: true);
            return null;
        });

    private static RpcMethod WalletLock() => new(
        "walletlock",
        "Forgets the wallet's decryption key, locking the wallet.\n" +
        "Commands that need private keys then need walletpassphrase again.",
        [],
        [Null()],
        "\nUnlock for 2 minutes to send\n" + RpcExamples.Cli("walletpassphrase", "\"my pass phrase\" 120") +
        "\nLock again when done\n" + RpcExamples.Cli("walletlock", "") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("walletlock", ""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (!wallet.HasEncryptionKeys())
                throw new RpcException(RpcErrorCode.WalletWrongEncState, "Error: running with an unencrypted wallet, but walletlock was called.");
            if (wallet.IsScanningWithPassphrase)
                throw new RpcException(RpcErrorCode.WalletError, "Error: the wallet is currently being used to rescan the blockchain for related transactions. Please call `abortrescan` before locking the wallet.");
            wallet.Lock();
            return null;
        });

    private static RpcMethod EncryptWallet() => new(
        "encryptwallet",
        "Encrypts the wallet with 'passphrase', for the first time.\n" +
        "Afterwards, sending and signing need walletpassphrase first (and walletlock to lock again);\n" +
        "use walletpassphrasechange to change the passphrase of an encrypted wallet.\n" +
        "** IMPORTANT **\n" +
        "Encryption makes a new HD seed and new active descriptors, so back the wallet up again (backupwallet) afterwards.",
        [Required("passphrase", RpcArgType.Str, "The passphrase: at least one character, preferably long.")],
        [Value(RpcResultType.Str, "what to do next")],
        "\nEncrypt the wallet\n" + RpcExamples.Cli("encryptwallet", "\"my pass phrase\"") +
        "\nUnlock it to sign or send\n" + RpcExamples.Cli("walletpassphrase", "\"my pass phrase\"") +
        "\nLock it again\n" + RpcExamples.Cli("walletlock", "") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("encryptwallet", "\"my pass phrase\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                throw new RpcException(RpcErrorCode.WalletEncryptionFailed, "Error: wallet does not contain private keys, nothing to encrypt.");
            if (wallet.HasEncryptionKeys())
                throw new RpcException(RpcErrorCode.WalletWrongEncState, "Error: running with an encrypted wallet, but encryptwallet was called.");
            if (wallet.IsScanningWithPassphrase)
                throw new RpcException(RpcErrorCode.WalletError, "Error: the wallet is currently being used to rescan the blockchain for related transactions. Please call `abortrescan` before encrypting the wallet.");
            var passphrase = call.Param(0).GetStr();
            if (passphrase.Length == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "passphrase cannot be empty");
            if (!wallet.EncryptWallet(passphrase)) throw new RpcException(RpcErrorCode.WalletEncryptionFailed, "Error: Failed to encrypt the wallet.");
            return "wallet encrypted; The keypool has been flushed and a new HD seed was generated. You need to make a new backup with the backupwallet RPC.";
        });
}
