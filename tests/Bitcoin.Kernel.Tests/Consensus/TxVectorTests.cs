using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Tests.Consensus.Vectors;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Core's tx_valid.json and tx_invalid.json, with the flag maximality/minimality checks of transaction_tests.cpp.</summary>
public class TxVectorTests
{
    private static readonly ScriptVerifyFlags All = ScriptFlagNames.All;

    [Fact]
    public void EveryTxValidVectorPassesAndItsExcludedFlagsAreMaximal()
    {
        var failures = new List<string>();
        var vectors = TxTestVector.Load("tx_valid.json");
        foreach (var v in vectors)
        {
            var state = new TxValidationState();
            if (!TxChecks.CheckTransaction(v.Tx, state))
            {
                failures.Add($"CheckTransaction failed ({state}): {v}");
                continue;
            }
            var excluded = ScriptFlagNames.Parse(v.FlagsText);
            var flags = All & ~excluded;
            if (flags != TxTestVector.FillFlags(flags)) failures.Add("Bad test flags: " + v);
            if (!v.ScriptsValid(flags, out var error))
            {
                failures.Add($"unexpectedly failed with {ScriptVerifyErrors.Name(error)}: {v}");
                continue;
            }
            // Removing any flag must keep it valid.
            foreach (var (name, flag) in ScriptFlagNames.Each)
            {
                var fewer = TxTestVector.TrimFlags(All & ~(excluded | flag));
                if (!v.ScriptsValid(fewer, out error)) failures.Add($"failed with {name} unset ({ScriptVerifyErrors.Name(error)}): {v}");
            }
            // Re-enabling any excluded flag must make it fail: the excluded set is maximal.
            foreach (var excludingOne in TxTestVector.ExcludeIndividualFlags(excluded))
            {
                if (v.ScriptsValid(All & ~excludingOne, out _)) failures.Add($"too many flags unset: {v}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} problems in {vectors.Count} vectors:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void EveryTxInvalidVectorFailsAndItsFlagsAreMinimal()
    {
        var failures = new List<string>();
        var vectors = TxTestVector.Load("tx_invalid.json");
        foreach (var v in vectors)
        {
            var state = new TxValidationState();
            if (!TxChecks.CheckTransaction(v.Tx, state) || state.IsInvalid)
            {
                if (v.FlagsText != "BADTX") failures.Add($"CheckTransaction failed ({state}) but flags are not BADTX: {v}");
                continue;
            }
            var flags = ScriptFlagNames.Parse(v.FlagsText);
            if (flags != TxTestVector.FillFlags(flags)) failures.Add("Bad test flags: " + v);
            if (v.ScriptsValid(flags, out _))
            {
                failures.Add("unexpectedly passed: " + v);
                continue;
            }
            // Adding any flag must keep it invalid.
            foreach (var (name, flag) in ScriptFlagNames.Each)
            {
                if (v.ScriptsValid(TxTestVector.FillFlags(flags | flag), out _)) failures.Add($"passed with {name} set: {v}");
            }
            // Removing any one flag must make it valid: the flag set is minimal.
            foreach (var excludingOne in TxTestVector.ExcludeIndividualFlags(flags))
            {
                if (!v.ScriptsValid(excludingOne, out var error)) failures.Add($"too many flags set (still {ScriptVerifyErrors.Name(error)} without one): {v}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} problems in {vectors.Count} vectors:\n" + string.Join("\n", failures));
    }
}
