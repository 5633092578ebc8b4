namespace Bitcoin.Common.Tests.Formats;

/// <summary>
/// Core's data-driven decodescript expectations on regtest (rpc_decodescript.py), written as our own table. Most
/// scripts are made of 0xee filler bytes, so that only the opcodes around them decide the result.
/// </summary>
internal static class DecodeScriptCases
{
    private static readonly string Filler20 = Filler(20);
    private static readonly string Filler32 = Filler(32);

    public static readonly IReadOnlyList<DecodeScriptCase> All =
    [
        new("taproot output", "5120" + Filler32, "witness_v1_taproot", "1 " + Filler32,
            $"rawtr({Filler32})#jk7c6kys")
        {
            Address = "bcrt1pamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhqz6nvlh",
        },
        new("version 1 witness program of two bytes", "5102eeee", "witness_unknown", "1 -28398",
            "addr(bcrt1pamhqk96edn)#vkh8uj5a")
        {
            Address = "bcrt1pamhqk96edn",
        },
        new("P2WSH output", "0020" + Filler32, "witness_v0_scripthash", "0 " + Filler32,
            "addr(bcrt1qamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhqgdn98t)#afaecevx")
        {
            Address = "bcrt1qamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhwamhqgdn98t",
            P2sh = "2MwGk8mw1GBP6U9D5X8gTvgvXpuknmAK3fo",
        },
        new("P2SH output", "a914" + Filler20 + "87", "scripthash", $"OP_HASH160 {Filler20} OP_EQUAL",
            "addr(2NF2b3KS8xXb9XHvbRMXdZh8s5g92rUZHtp)#ywfcpmh9")
        {
            Address = "2NF2b3KS8xXb9XHvbRMXdZh8s5g92rUZHtp",
        },
        new("OP_RETURN with an empty push", "6a00", "nulldata", "OP_RETURN 0", "raw(6a00)#ncfmkl43"),
        new("OP_RETURN followed by an unknown opcode", "6aee", "nonstandard", "OP_RETURN OP_UNKNOWN", "raw(6aee)#vsyzgqdt"),
        new("OP_RETURN followed by a push cut short", "6a02ee", "nonstandard", "OP_RETURN [error]", "raw(6a02ee)#gvdwnlzl"),
        new("bare push of two bytes", "02eeee", "nonstandard", "-28398", "raw(02eeee)#5xzck7pr")
        {
            P2sh = "2N34iiGoUUkVSPiaaTFpJjB1FR9TXQu3PGM",
            Segwit = new(
                Type: "witness_v0_scripthash",
                Asm: "0 96c2368fc30514a438a8bd909f93c49a1549d77198ccbdb792043b666cb24f42",
                Hex: "002096c2368fc30514a438a8bd909f93c49a1549d77198ccbdb792043b666cb24f42",
                Address: "bcrt1qjmprdr7rq522gw9ghkgfly7yng25n4m3nrxtmdujqsakvm9jfapqk795l5",
                Descriptor: "addr(bcrt1qjmprdr7rq522gw9ghkgfly7yng25n4m3nrxtmdujqsakvm9jfapqk795l5)#5akkdska",
                P2shSegwit: "2MtoejEictTQ6XtmHYzoYttt35Ec6krqFKN"),
        },
        new("OP_CHECKSIGADD alone", "ba", "nonstandard", "OP_CHECKSIGADD", "raw(ba)#yy0eg44l"),
        new("OP_RESERVED alone", "50", "nonstandard", "OP_RESERVED", "raw(50)#a7tu03xf"),
    ];

    private static string Filler(int bytes) => string.Concat(Enumerable.Repeat("ee", bytes));
}
