namespace Bitcoin.Kernel.Consensus;

/// <summary>Core's names of script verification flags ("P2SH", "WITNESS", ...), as used by test vectors and logs.</summary>
public static class ScriptFlagNames
{
    private static readonly (string Name, ScriptVerifyFlags Flag)[] Names =
    [
        ("P2SH", ScriptVerifyFlags.P2Sh),
        ("STRICTENC", ScriptVerifyFlags.StrictEnc),
        ("DERSIG", ScriptVerifyFlags.DerSig),
        ("LOW_S", ScriptVerifyFlags.LowS),
        ("NULLDUMMY", ScriptVerifyFlags.NullDummy),
        ("SIGPUSHONLY", ScriptVerifyFlags.SigPushOnly),
        ("MINIMALDATA", ScriptVerifyFlags.MinimalData),
        ("DISCOURAGE_UPGRADABLE_NOPS", ScriptVerifyFlags.DiscourageUpgradableNops),
        ("CLEANSTACK", ScriptVerifyFlags.CleanStack),
        ("CHECKLOCKTIMEVERIFY", ScriptVerifyFlags.CheckLockTimeVerify),
        ("CHECKSEQUENCEVERIFY", ScriptVerifyFlags.CheckSequenceVerify),
        ("WITNESS", ScriptVerifyFlags.Witness),
        ("DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM", ScriptVerifyFlags.DiscourageUpgradableWitnessProgram),
        ("MINIMALIF", ScriptVerifyFlags.MinimalIf),
        ("NULLFAIL", ScriptVerifyFlags.NullFail),
        ("WITNESS_PUBKEYTYPE", ScriptVerifyFlags.WitnessPubKeyType),
        ("CONST_SCRIPTCODE", ScriptVerifyFlags.ConstScriptCode),
        ("TAPROOT", ScriptVerifyFlags.Taproot),
        ("DISCOURAGE_UPGRADABLE_TAPROOT_VERSION", ScriptVerifyFlags.DiscourageUpgradableTaprootVersion),
        ("DISCOURAGE_OP_SUCCESS", ScriptVerifyFlags.DiscourageOpSuccess),
        ("DISCOURAGE_UPGRADABLE_PUBKEYTYPE", ScriptVerifyFlags.DiscourageUpgradablePubKeyType),
    ];

    /// <summary>Every defined flag.</summary>
    public static ScriptVerifyFlags All { get; } = Names.Aggregate(ScriptVerifyFlags.None, (a, n) => a | n.Flag);

    /// <summary>Each flag with its name, in bit order.</summary>
    public static IReadOnlyList<(string Name, ScriptVerifyFlags Flag)> Each => Names;

    /// <summary>Parses a comma-separated list ("" or "NONE" for none). Throws <see cref="FormatException"/> for an unknown name.</summary>
    public static ScriptVerifyFlags Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text == "NONE") return ScriptVerifyFlags.None;
        var flags = ScriptVerifyFlags.None;
        foreach (var word in text.Split(','))
        {
            var match = Array.FindIndex(Names, n => n.Name == word);
            if (match < 0) throw new FormatException($"Unknown script verification flag '{word}'.");
            flags |= Names[match].Flag;
        }
        return flags;
    }

    /// <summary>The names of the set flags, comma-separated, in bit order (Core's FormatScriptFlags).</summary>
    public static string Format(ScriptVerifyFlags flags)
    {
        var parts = new List<string>();
        foreach (var (name, flag) in Names)
        {
            if ((flags & flag) != 0) parts.Add(name);
        }
        var unknown = flags & ~All;
        if (unknown != 0) parts.Add(((ulong)unknown).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(',', parts);
    }
}
