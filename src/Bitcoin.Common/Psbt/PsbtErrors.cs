using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Psbt;

/// <summary>Core's messages and RPC codes for <see cref="PsbtError"/> (PSBTErrorString, RPCErrorFromPSBTError).</summary>
public static class PsbtErrors
{
    /// <summary>Core's message for the error.</summary>
    public static string Message(PsbtError error) => error switch
    {
        PsbtError.MissingInputs => "Inputs missing or spent",
        PsbtError.SighashMismatch => "Specified sighash value does not match value stored in PSBT",
        PsbtError.ExternalSignerNotFound => "External signer not found",
        PsbtError.ExternalSignerFailed => "External signer failed to sign",
        PsbtError.Unsupported => "Signer does not support PSBT",
        PsbtError.Incomplete => "Input needs additional signatures or other data",
        PsbtError.InvalidTx => "The transaction cannot be valid",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>The RPC error code Core answers with (-8 unsupported, -22 sighash mismatch, else -25).</summary>
    public static RpcErrorCode RpcCode(PsbtError error) => error switch
    {
        PsbtError.Unsupported => RpcErrorCode.InvalidParameter,
        PsbtError.SighashMismatch => RpcErrorCode.DeserializationError,
        _ => RpcErrorCode.TransactionError,
    };

    /// <summary>The RPC exception Core's JSONRPCPSBTError makes.</summary>
    public static RpcException ToRpcException(PsbtError error) => new(RpcCode(error), Message(error));
}
