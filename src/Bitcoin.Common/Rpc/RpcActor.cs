namespace Bitcoin.Common.Rpc;

/// <summary>
/// Low-level handler of a command (Core's CRPCCommand::Actor). It gets the request with positional parameters and
/// whether it is the last handler registered for the name; it returns <see cref="RpcActorResult.Handled"/> false to
/// pass the call on to the next handler (used when a wallet process serves some calls and not others).
/// </summary>
public delegate ValueTask<RpcActorResult> RpcActor(RpcRequest request, bool lastHandler);
