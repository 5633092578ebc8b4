using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>One input's state in the signing workflow (Core's PSBTInputAnalysis).</summary>
public sealed class PsbtInputAnalysis
{
    /// <summary>Whether the spent output is known.</summary>
    public bool HasUtxo { get; set; }

    /// <summary>Whether the input is finalized and verifies.</summary>
    public bool IsFinal { get; set; }

    /// <summary>The role that must handle the input next.</summary>
    public PsbtRole Next { get; set; }

    /// <summary>Keys whose BIP32 derivation is missing.</summary>
    public List<KeyId> MissingPubKeys { get; } = [];

    /// <summary>Keys whose signatures are missing.</summary>
    public List<KeyId> MissingSigs { get; } = [];

    /// <summary>HASH160 of the missing redeem script, if any.</summary>
    public uint160? MissingRedeemScript { get; set; }

    /// <summary>SHA256 of the missing witness script, if any.</summary>
    public uint256? MissingWitnessScript { get; set; }
}
