using Bitcoin.Common.Addresses.Internal;

namespace Bitcoin.Common.Addresses;

/// <summary>A witness program of a version or length without defined semantics (Core's WitnessUnknown).</summary>
public sealed class WitnessUnknownDestination : TxDestination
{
    private readonly byte[] _program;

    /// <summary>Wraps a witness version (0 to 16) and program.</summary>
    public WitnessUnknownDestination(int version, ReadOnlySpan<byte> program)
    {
        if (version < 0 || version > 16) throw new ArgumentOutOfRangeException(nameof(version));
        Version = version;
        _program = program.ToArray();
    }

    /// <summary>The witness version.</summary>
    public int Version { get; }

    /// <summary>The witness program.</summary>
    public ReadOnlySpan<byte> Program => _program;

    /// <inheritdoc/>
    protected override byte[] BuildScript()
        => new ScriptBuilder().Op(ScriptOpcodes.EncodeOpN(Version)).Push(_program).ToBytes();
}
