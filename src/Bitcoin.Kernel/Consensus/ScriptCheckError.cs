namespace Bitcoin.Kernel.Consensus;

/// <summary>A failed input script: Core's error and the "input i of txid (wtxid w), spending prev:n" debug text.</summary>
/// <param name="Error">Why the script failed.</param>
/// <param name="DebugMessage">Which input failed.</param>
public sealed record ScriptCheckError(ScriptVerifyError Error, string DebugMessage)
{
    /// <summary>Core's reject reason for a block: "block-script-verify-flag-failed (message)".</summary>
    public string BlockRejectReason => $"block-script-verify-flag-failed ({ScriptVerifyErrors.Message(Error)})";
}
