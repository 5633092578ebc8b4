using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Consensus;

/// <summary>The script flags consensus enforces per block (Core's GetBlockScriptFlags) and the flag sets policy builds on.</summary>
public static class ScriptFlags
{
    /// <summary>Flags every block must satisfy (Core's MANDATORY_SCRIPT_VERIFY_FLAGS).</summary>
    public const ScriptVerifyFlags Mandatory = ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.DerSig | ScriptVerifyFlags.NullDummy |
        ScriptVerifyFlags.CheckLockTimeVerify | ScriptVerifyFlags.CheckSequenceVerify | ScriptVerifyFlags.Witness |
        ScriptVerifyFlags.Taproot;

    /// <summary>
    /// The flags for connecting <paramref name="block"/>: P2SH, WITNESS and TAPROOT always (except the historical
    /// exception blocks), plus DERSIG, CLTV, CSV and NULLDUMMY from their activation heights.
    /// </summary>
    public static ScriptVerifyFlags GetBlockScriptFlags(BlockIndex block, ChainParams chainParams)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(chainParams);
        var consensus = chainParams.Consensus;
        var flags = ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.Witness | ScriptVerifyFlags.Taproot;
        if (consensus.ScriptFlagExceptions.TryGetValue(block.Hash, out var exception)) flags = exception;
        if (Deployments.IsActiveAt(block, consensus, BuriedDeployment.DerSig)) flags |= ScriptVerifyFlags.DerSig;
        if (Deployments.IsActiveAt(block, consensus, BuriedDeployment.CheckLockTimeVerify)) flags |= ScriptVerifyFlags.CheckLockTimeVerify;
        if (Deployments.IsActiveAt(block, consensus, BuriedDeployment.Csv)) flags |= ScriptVerifyFlags.CheckSequenceVerify;
        if (Deployments.IsActiveAt(block, consensus, BuriedDeployment.Segwit)) flags |= ScriptVerifyFlags.NullDummy;
        return flags;
    }

    /// <summary>The lock-time flags for connecting <paramref name="block"/>: BIP68 sequence locks once CSV is active.</summary>
    public static int GetBlockLockTimeFlags(BlockIndex block, ConsensusParams consensus) =>
        Deployments.IsActiveAt(block, consensus, BuriedDeployment.Csv) ? ConsensusConstants.LockTimeVerifySequence : 0;
}
