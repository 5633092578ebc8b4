namespace Bitcoin.Common.Addresses;

/// <summary>The pay-to-anchor output <c>OP_1 &lt;4e73&gt;</c> (Core's PayToAnchor).</summary>
public sealed class PayToAnchorDestination : TxDestination
{
    /// <summary>The witness program of an anchor.</summary>
    public static ReadOnlySpan<byte> Program => [0x4e, 0x73];

    /// <inheritdoc/>
    protected override byte[] BuildScript() => [0x51, 0x02, 0x4e, 0x73];
}
