using System.Globalization;
using System.Text.Json;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus.Vectors;

/// <summary>One case of Core's script_tests.json, with the crediting and spending transactions Core's harness builds.</summary>
internal sealed record ScriptTestVector(
    int Index,
    string Raw,
    Script ScriptSig,
    Script ScriptPubKey,
    WitScript Witness,
    Money Amount,
    ScriptVerifyFlags Flags,
    ScriptVerifyError Expected)
{
    // Core's key0: the private key 1, so its public key is the generator point.
    private static readonly Key Key0 = new(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001"));

    public override string ToString() => $"#{Index} {Raw}";

    public static IReadOnlyList<ScriptTestVector> Load()
    {
        var vectors = new List<ScriptTestVector>();
        var root = TestData.ReadJson("script_tests.json");
        int index = 0;
        foreach (var test in root.EnumerateArray())
        {
            index++;
            var items = test.EnumerateArray().ToArray();
            int pos = 0;
            var witness = new List<byte[]>();
            Money amount = Money.Zero;
            byte[]? tapscript = null;
            if (items.Length > 0 && items[0].ValueKind == JsonValueKind.Array)
            {
                var w = items[0].EnumerateArray().ToArray();
                for (int i = 0; i < w.Length - 1; i++)
                {
                    var element = w[i].GetString()!;
                    if (element.StartsWith("#SCRIPT#", StringComparison.Ordinal))
                    {
                        tapscript = CoreScriptParser.ParseBytes(element["#SCRIPT#".Length..]);
                        witness.Add(tapscript);
                    }
                    else if (element == "#CONTROLBLOCK#")
                    {
                        witness.Add(ControlBlock(witness[^1]));
                    }
                    else
                    {
                        witness.Add(Convert.FromHexString(element));
                    }
                }
                amount = Money.Coins(w[^1].GetDecimal());
                pos++;
            }
            if (items.Length < 4 + pos) continue; // a comment line
            var scriptSig = CoreScriptParser.Parse(items[pos++].GetString()!);
            var pubKeyText = items[pos++].GetString()!;
            var scriptPubKey = pubKeyText == "0x51 0x20 #TAPROOTOUTPUT#"
                ? TaprootOutput(tapscript ?? throw new FormatException("#TAPROOTOUTPUT# without a #SCRIPT#"))
                : CoreScriptParser.Parse(pubKeyText);
            var flags = ScriptFlagNames.Parse(items[pos++].GetString()!);
            var expected = ScriptVerifyErrors.Parse(items[pos++].GetString()!) ??
                           throw new FormatException("Unknown script error in " + test.GetRawText());
            vectors.Add(new ScriptTestVector(index, test.GetRawText(), scriptSig, scriptPubKey,
                new WitScript(witness.ToArray()), amount, flags, expected));
        }
        return vectors;
    }

    /// <summary>Core's BuildCreditingTransaction and BuildSpendingTransaction.</summary>
    public (Transaction Credit, Transaction Spend) BuildTransactions()
    {
        var credit = Transaction.Create(Network.Main);
        credit.Version = 1;
        credit.LockTime = LockTime.Zero;
        credit.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), Script.FromBytesUnsafe([0x00, 0x00])) { Sequence = Sequence.Final });
        credit.Outputs.Add(new TxOut(Amount, ScriptPubKey));

        var spend = Transaction.Create(Network.Main);
        spend.Version = 1;
        spend.LockTime = LockTime.Zero;
        spend.Inputs.Add(new TxIn(new OutPoint(credit.GetHash(), 0), ScriptSig) { Sequence = Sequence.Final, WitScript = Witness });
        spend.Outputs.Add(new TxOut(Amount, Script.Empty));
        return (credit, spend);
    }

    private static TaprootInternalPubKey InternalKey => Key0.PubKey.TaprootInternalKey;

    private static uint256 LeafHash(byte[] script) => new TapScript(Script.FromBytesUnsafe(script), TapLeafVersion.C0).LeafHash;

    private static byte[] ControlBlock(byte[] tapscript)
    {
        var output = InternalKey.GetTaprootFullPubKey(LeafHash(tapscript));
        var control = new byte[33];
        control[0] = (byte)(0xc0 | (output.OutputKeyParity ? 1 : 0));
        InternalKey.ToBytes().CopyTo(control, 1);
        return control;
    }

    private static Script TaprootOutput(byte[] tapscript)
    {
        var output = InternalKey.GetTaprootFullPubKey(LeafHash(tapscript));
        return output.ScriptPubKey;
    }
}
