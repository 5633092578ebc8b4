using System.Globalization;
using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>One inv/getdata/notfound entry (Core's CInv).</summary>
/// <param name="Type">The item type (<see cref="InventoryType"/>), possibly with the witness flag.</param>
/// <param name="Hash">The item hash.</param>
public readonly record struct Inventory(uint Type, uint256 Hash)
{
    /// <summary>Serialized size.</summary>
    public const int Size = 36;

    /// <summary>A plain block announcement.</summary>
    public bool IsBlock => Type == InventoryType.Block;

    /// <summary>A txid announcement.</summary>
    public bool IsTx => Type == InventoryType.Tx;

    /// <summary>A wtxid announcement.</summary>
    public bool IsWtx => Type == InventoryType.Wtx;

    /// <summary>A witness block request.</summary>
    public bool IsWitnessBlock => Type == InventoryType.WitnessBlock;

    /// <summary>A filtered block request.</summary>
    public bool IsFilteredBlock => Type == InventoryType.FilteredBlock;

    /// <summary>A compact block request.</summary>
    public bool IsCmpctBlock => Type == InventoryType.CmpctBlock;

    /// <summary>Any transaction form (tx, wtx, witness-tx).</summary>
    public bool IsGenTx => Type is InventoryType.Tx or InventoryType.Wtx or InventoryType.WitnessTx;

    /// <summary>Any block form (block, filtered, compact, witness block).</summary>
    public bool IsGenBlock => Type is InventoryType.Block or InventoryType.FilteredBlock or InventoryType.CmpctBlock or InventoryType.WitnessBlock;

    /// <summary>Core's CInv::ToString: "witness-block 00..ab", or "0x0000000a 00..ab" for unknown types.</summary>
    public override string ToString()
    {
        var prefix = (Type & InventoryType.WitnessFlag) != 0 ? "witness-" : "";
        string? name = (Type & InventoryType.TypeMask) switch
        {
            InventoryType.Tx => "tx",
            InventoryType.Wtx => "wtx",
            InventoryType.Block => "block",
            InventoryType.FilteredBlock => "merkleblock",
            InventoryType.CmpctBlock => "cmpctblock",
            _ => null,
        };
        return name is null
            ? string.Create(CultureInfo.InvariantCulture, $"0x{Type:x8} {Hash}")
            : prefix + name + " " + Hash;
    }

    /// <summary>Writes type and hash.</summary>
    public void Write(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(Type);
        writer.WriteUInt256(Hash);
    }

    /// <summary>Reads type and hash.</summary>
    public static Inventory Read(ref SpanReader reader) => new(reader.ReadUInt32(), reader.ReadUInt256());
}
