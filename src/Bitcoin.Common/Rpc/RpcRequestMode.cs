namespace Bitcoin.Common.Rpc;

/// <summary>Why a command is invoked (Core's JSONRPCRequest::Mode).</summary>
public enum RpcRequestMode
{
    /// <summary>A normal call.</summary>
    Execute,
    /// <summary>The <c>help</c> command is collecting the command's help text.</summary>
    GetHelp,
    /// <summary>The argument conversion table is being dumped.</summary>
    GetArgs,
}
