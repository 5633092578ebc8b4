namespace Bitcoin.Common.Rpc;

/// <summary>
/// Thrown by <see cref="RpcMethod.HandleRequestAsync"/> with the method's help text when help is asked for or the
/// argument count is wrong (Core's HelpResult); a caller that is not <c>help</c> answers it as error -1 with this text.
/// </summary>
public sealed class RpcHelpResult : Exception
{
    /// <summary>Creates the result carrying <paramref name="helpText"/>.</summary>
    public RpcHelpResult(string helpText) : base(helpText)
    {
    }
}
