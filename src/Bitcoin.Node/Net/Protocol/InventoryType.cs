namespace Bitcoin.Node.Net.Protocol;

/// <summary>inv/getdata item types (Core's GetDataMsg).</summary>
public static class InventoryType
{
    /// <summary>Set on getdata requests that want witness data (BIP144).</summary>
    public const uint WitnessFlag = 1u << 30;

    /// <summary>Mask of the type without the flag bits.</summary>
    public const uint TypeMask = 0xffffffffu >> 2;

    /// <summary>A transaction by txid.</summary>
    public const uint Tx = 1;

    /// <summary>A block.</summary>
    public const uint Block = 2;

    /// <summary>A BIP37 filtered block (getdata only).</summary>
    public const uint FilteredBlock = 3;

    /// <summary>A BIP152 compact block (getdata only).</summary>
    public const uint CmpctBlock = 4;

    /// <summary>A transaction by wtxid (BIP339).</summary>
    public const uint Wtx = 5;

    /// <summary>A block with witness data.</summary>
    public const uint WitnessBlock = Block | WitnessFlag;

    /// <summary>A transaction with witness data, by txid.</summary>
    public const uint WitnessTx = Tx | WitnessFlag;
}
