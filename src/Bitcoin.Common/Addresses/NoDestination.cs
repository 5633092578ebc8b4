using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>A script with no address (bare multisig, OP_RETURN, nonstandard). Carries the script itself, as Core's CNoDestination.</summary>
public sealed class NoDestination : TxDestination
{
    private readonly byte[] _script;

    /// <summary>Wraps a script that has no address.</summary>
    public NoDestination(Script script) => _script = script.ToBytes();

    /// <summary>An empty script.</summary>
    public NoDestination() => _script = [];

    /// <inheritdoc/>
    public override bool IsValid => false;

    /// <inheritdoc/>
    protected override byte[] BuildScript() => _script;
}
