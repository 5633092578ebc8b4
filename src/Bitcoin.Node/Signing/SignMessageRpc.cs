using Bitcoin.Common.Addresses;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Signing;

/// <summary>The node's message commands verifymessage and signmessagewithprivkey (Core's rpc/signmessage.cpp), category "util".</summary>
public static class SignMessageRpc
{
    private const string ExampleAddress = "1D1ZrZNe3JUo7ZycKEYQQiQAWd9y54F4XX";

    /// <summary>Registers both commands; <paramref name="network"/> gives the chain's address format at each call.</summary>
    public static void Register(RpcCommandTable table, Func<Network> network)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(network);
        table.Register("util", VerifyMessage(network));
        table.Register("util", SignMessageWithPrivKey(network));
    }

    private static RpcMethod VerifyMessage(Func<Network> network) => new(
        "verifymessage",
        "Checks a message signature made with signmessage or signmessagewithprivkey.",
        [
            Required("address", RpcArgType.Str, "The P2PKH address whose key is expected to have signed."),
            Required("signature", RpcArgType.Str, "The signature, in base64, as signmessage returns it."),
            Required("message", RpcArgType.Str, "The message that was signed."),
        ],
        [Value(RpcResultType.Bool, "whether the signature is the address's key's signature of the message")],
        "\nUnlock the wallet for 30 seconds\n" + RpcExamples.Cli("walletpassphrase", "\"mypassphrase\" 30") +
        "\nSign\n" + RpcExamples.Cli("signmessage", $"\"{ExampleAddress}\" \"my message\"") +
        "\nVerify\n" + RpcExamples.Cli("verifymessage", $"\"{ExampleAddress}\" \"signature\" \"my message\"") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("verifymessage", $"\"{ExampleAddress}\", \"signature\", \"my message\""),
        call =>
        {
            var result = MessageVerification.Verify(call.Param(0).GetStr(), call.Param(1).GetStr(), call.Param(2).GetStr(), network());
            return result switch
            {
                MessageVerificationResult.InvalidAddress => throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid address"),
                MessageVerificationResult.AddressNoKey => throw new RpcException(RpcErrorCode.TypeError, "Address does not refer to key"),
                MessageVerificationResult.MalformedSignature => throw new RpcException(RpcErrorCode.TypeError, "Malformed base64 encoding"),
                MessageVerificationResult.Ok => true,
                _ => false,
            };
        });

    private static RpcMethod SignMessageWithPrivKey(Func<Network> network) => new(
        "signmessagewithprivkey",
        "Signs a message with a private key given in WIF.",
        [
            Required("privkey", RpcArgType.Str, "The private key, in WIF."),
            Required("message", RpcArgType.Str, "The message to sign."),
        ],
        [new RpcResult(RpcResultType.Str, "signature", "the signature, in base64")],
        "\nSign\n" + RpcExamples.Cli("signmessagewithprivkey", "\"privkey\" \"my message\"") +
        "\nVerify\n" + RpcExamples.Cli("verifymessage", $"\"{ExampleAddress}\" \"signature\" \"my message\"") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("signmessagewithprivkey", "\"privkey\", \"my message\""),
        call =>
        {
            var key = AddressEncoding.DecodeSecret(call.Param(0).GetStr(), network())
                ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid private key");
            return MessageVerification.Sign(key, call.Param(1).GetStr());
        });
}
