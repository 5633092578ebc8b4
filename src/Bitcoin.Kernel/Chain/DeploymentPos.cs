namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Soft forks deployed with BIP9 version bits, as Core's Consensus::DeploymentPos. Core currently defines only the
/// test deployment; taproot is enforced from genesis (with one historical exception block on mainnet).
/// </summary>
public enum DeploymentPos
{
    /// <summary>The dummy deployment used to test the signalling machinery ("testdummy").</summary>
    TestDummy = 0,
}
