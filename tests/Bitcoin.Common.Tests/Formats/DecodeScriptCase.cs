using System.Text.Json.Nodes;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>
/// One regtest decodescript case: a script and every field Core's decodescript returns for it. The facts come from
/// Core's data-driven decodescript check; optional fields are null where Core leaves them out.
/// </summary>
internal sealed record DecodeScriptCase(string What, string ScriptHex, string Type, string Asm, string Descriptor)
{
    /// <summary>The "address" field (only for scripts with an address).</summary>
    public string? Address { get; init; }

    /// <summary>The "p2sh" field: the script's P2SH address, when the script may be wrapped in P2SH.</summary>
    public string? P2sh { get; init; }

    /// <summary>The "segwit" field: the script as a P2WSH witness script, when it may be one.</summary>
    public SegwitWrapping? Segwit { get; init; }

    /// <summary>The decodescript result this case stands for, with Core's key order.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["asm"] = Asm, ["desc"] = Descriptor };
        if (Address is not null) json["address"] = Address;
        json["type"] = Type;
        if (P2sh is not null) json["p2sh"] = P2sh;
        if (Segwit is not null) json["segwit"] = Segwit.ToJson();
        return json;
    }

    /// <summary>What decodescript reports for the P2WSH output committing to the script.</summary>
    internal sealed record SegwitWrapping(string Type, string Asm, string Hex, string Address, string Descriptor, string P2shSegwit)
    {
        public JsonObject ToJson() => new()
        {
            ["asm"] = Asm,
            ["desc"] = Descriptor,
            ["hex"] = Hex,
            ["address"] = Address,
            ["type"] = Type,
            ["p2sh-segwit"] = P2shSegwit,
        };
    }
}
