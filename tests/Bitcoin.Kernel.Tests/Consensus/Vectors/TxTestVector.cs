using System.Text.Json;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus.Vectors;

/// <summary>One case of Core's tx_valid.json / tx_invalid.json: prevouts, the transaction and a flag list.</summary>
internal sealed record TxTestVector(int Index, string Raw, Transaction Tx, IReadOnlyDictionary<OutPoint, TxOut> Prevouts, string FlagsText)
{
    public override string ToString() => $"#{Index} {Raw}";

    public static IReadOnlyList<TxTestVector> Load(string fileName)
    {
        var vectors = new List<TxTestVector>();
        int index = 0;
        foreach (var test in TestData.ReadJson(fileName).EnumerateArray())
        {
            index++;
            var items = test.EnumerateArray().ToArray();
            if (items.Length == 0 || items[0].ValueKind != JsonValueKind.Array) continue; // a comment
            if (items.Length != 3) throw new FormatException("Bad test: " + test.GetRawText());
            var prevouts = new Dictionary<OutPoint, TxOut>();
            foreach (var input in items[0].EnumerateArray())
            {
                var fields = input.EnumerateArray().ToArray();
                var outpoint = new OutPoint(uint256.Parse(fields[0].GetString()!), unchecked((uint)fields[1].GetInt32()));
                var amount = fields.Length >= 4 ? Money.Satoshis(fields[3].GetInt64()) : Money.Zero;
                prevouts[outpoint] = new TxOut(amount, CoreScriptParser.Parse(fields[2].GetString()!));
            }
            var tx = Transaction.Parse(items[1].GetString()!, Network.Main);
            vectors.Add(new TxTestVector(index, test.GetRawText(), tx, prevouts, items[2].GetString()!));
        }
        return vectors;
    }

    /// <summary>The spent outputs in input order (a missing prevout is an error in the vector).</summary>
    public TxOut[] SpentOutputs() => Tx.Inputs.Select(i => Prevouts[i.PrevOut]).ToArray();

    /// <summary>Core's CheckTxScripts: true when every input verifies under <paramref name="flags"/>.</summary>
    public bool ScriptsValid(ScriptVerifyFlags flags, out ScriptVerifyError error)
    {
        var spent = SpentOutputs();
        var precomputed = new TaprootReadyPrecomputedTransactionData(Tx, spent);
        for (int i = 0; i < Tx.Inputs.Count; i++)
        {
            error = ScriptVerifier.Verify(Tx, i, spent[i], flags, precomputed);
            if (error != ScriptVerifyError.Ok) return false;
        }
        error = ScriptVerifyError.Ok;
        return true;
    }

    /// <summary>Core's TrimFlags: WITNESS needs P2SH, CLEANSTACK needs WITNESS.</summary>
    public static ScriptVerifyFlags TrimFlags(ScriptVerifyFlags flags)
    {
        if ((flags & ScriptVerifyFlags.P2Sh) == 0) flags &= ~ScriptVerifyFlags.Witness;
        if ((flags & ScriptVerifyFlags.Witness) == 0) flags &= ~ScriptVerifyFlags.CleanStack;
        return flags;
    }

    /// <summary>Core's FillFlags: CLEANSTACK implies WITNESS implies P2SH.</summary>
    public static ScriptVerifyFlags FillFlags(ScriptVerifyFlags flags)
    {
        if ((flags & ScriptVerifyFlags.CleanStack) != 0) flags |= ScriptVerifyFlags.Witness;
        if ((flags & ScriptVerifyFlags.Witness) != 0) flags |= ScriptVerifyFlags.P2Sh;
        return flags;
    }

    /// <summary>Core's ExcludeIndividualFlags: each valid combination with one flag removed.</summary>
    public static IEnumerable<ScriptVerifyFlags> ExcludeIndividualFlags(ScriptVerifyFlags flags)
    {
        var combos = new HashSet<ScriptVerifyFlags>();
        foreach (var (_, flag) in ScriptFlagNames.Each)
        {
            var excluding = TrimFlags(flags & ~flag);
            if (excluding != flags) combos.Add(excluding);
        }
        return combos;
    }
}
