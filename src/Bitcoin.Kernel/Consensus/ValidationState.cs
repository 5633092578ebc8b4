namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// The outcome of validating a block or transaction, as Core's ValidationState: valid, invalid (a rule was broken,
/// with a result, a reject reason and a debug message) or error (a run-time failure such as a disk error).
/// </summary>
/// <typeparam name="TResult">The result enumeration.</typeparam>
public abstract class ValidationState<TResult>
    where TResult : struct, Enum
{
    private enum Mode
    {
        Valid,
        Invalid,
        Error,
    }

    private Mode _mode = Mode.Valid;

    /// <summary>Why the object was rejected (default while valid).</summary>
    public TResult Result { get; private set; }

    /// <summary>The short reject reason, e.g. "bad-txnmrklroot" (empty while valid).</summary>
    public string RejectReason { get; private set; } = string.Empty;

    /// <summary>Details for logs (may be empty).</summary>
    public string DebugMessage { get; private set; } = string.Empty;

    /// <summary>True while no rule was broken and no error happened.</summary>
    public bool IsValid => _mode == Mode.Valid;

    /// <summary>True when a rule was broken.</summary>
    public bool IsInvalid => _mode == Mode.Invalid;

    /// <summary>True when a run-time error happened.</summary>
    public bool IsError => _mode == Mode.Error;

    /// <summary>Records a broken rule (an earlier error stays an error) and returns false, for <c>return state.Invalid(...)</c>.</summary>
    public bool Invalid(TResult result, string rejectReason = "", string debugMessage = "")
    {
        Result = result;
        RejectReason = rejectReason ?? string.Empty;
        DebugMessage = debugMessage ?? string.Empty;
        if (_mode != Mode.Error) _mode = Mode.Invalid;
        return false;
    }

    /// <summary>Records a run-time error and returns false; the reason is kept only if the state was still valid.</summary>
    public bool Error(string message)
    {
        if (_mode == Mode.Valid) RejectReason = message ?? string.Empty;
        _mode = Mode.Error;
        return false;
    }

    /// <summary>"Valid", or the reject reason followed by ", " and the debug message when there is one (Core's format).</summary>
    public override string ToString()
    {
        if (IsValid) return "Valid";
        return DebugMessage.Length != 0 ? RejectReason + ", " + DebugMessage : RejectReason;
    }
}
