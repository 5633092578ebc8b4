using Bitcoin.Common.Addresses;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>signmessage (Core's wallet/rpc/signmessage.cpp).</summary>
internal static class SignMessageRpc
{
    private const string ExampleAddress = "1D1ZrZNe3JUo7ZycKEYQQiQAWd9y54F4XX";

    public static IEnumerable<(string, RpcMethod)> Commands() => [("wallet", SignMessage())];

    /// <summary>Core's SigningResultString.</summary>
    internal static string ResultString(SigningResult result) => result switch
    {
        SigningResult.Ok => "No error",
        SigningResult.PrivateKeyNotAvailable => "Private key not available",
        SigningResult.SigningFailed => "Sign failed",
        _ => "Unknown error",
    };

    private static RpcMethod SignMessage() => new(
        "signmessage",
        "Signs a message with the private key of a P2PKH address." + RequiresPassphrase,
        [
            Required("address", RpcArgType.Str, "The address whose key signs."),
            Required("message", RpcArgType.Str, "The message to sign."),
        ],
        [new Common.Rpc.RpcResult(RpcResultType.Str, "signature", "the signature, in base64")],
        "\nUnlock the wallet for 30 seconds\n" + RpcExamples.Cli("walletpassphrase", "\"mypassphrase\" 30") +
        "\nSign\n" + RpcExamples.Cli("signmessage", $"\"{ExampleAddress}\" \"my message\"") +
        "\nVerify\n" + RpcExamples.Cli("verifymessage", $"\"{ExampleAddress}\" \"signature\" \"my message\"") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("signmessage", $"\"{ExampleAddress}\", \"my message\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                var destination = AddressEncoding.DecodeDestination(call.Param(0).GetStr(), wallet.Network).Destination;
                if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid address");
                if (destination is not PubKeyHashDestination pkh) throw new RpcException(RpcErrorCode.TypeError, "Address does not refer to key");
                var result = wallet.SignMessage(call.Param(1).GetStr(), pkh.Hash, out var signature);
                if (result == SigningResult.SigningFailed) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, ResultString(result));
                if (result != SigningResult.Ok) throw new RpcException(RpcErrorCode.WalletError, ResultString(result));
                return signature;
            }
        });
}
