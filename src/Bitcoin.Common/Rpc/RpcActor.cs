namespace Bitcoin.Common.Rpc;

/// <summary>
/// Low-level handler of a command (Core's CRPCCommand::Actor). It gets the request with positional parameters and
/// whether it is the last handler registered for the name; it returns <see cref="RpcActorResult.Handled"/> false to
/// pass the call on to the next handler (used when a wallet process serves some calls and not others).
/// When <see cref="RpcRequest.Mode"/> is <see cref="RpcRequestMode.GetHelp"/> it throws <see cref="RpcHelpResult"/>
/// with the command's help text; for <see cref="RpcRequestMode.GetArgs"/> it returns the argument map rows
/// (<see cref="RpcMethod.GetArgMap"/>). <see cref="RpcMethod.HandleRequestAsync"/> does both.
/// </summary>
public delegate ValueTask<RpcActorResult> RpcActor(RpcRequest request, bool lastHandler);
