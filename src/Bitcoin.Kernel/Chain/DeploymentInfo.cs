namespace Bitcoin.Kernel.Chain;

/// <summary>Names of deployments as RPCs and options spell them (Core's deploymentinfo.cpp).</summary>
public static class DeploymentInfo
{
    /// <summary>The name getdeploymentinfo/getblockchaininfo use for a buried deployment ("bip34", "bip65", "bip66", "csv", "segwit").</summary>
    public static string Name(BuriedDeployment deployment) => deployment switch
    {
        BuriedDeployment.HeightInCoinbase => "bip34",
        BuriedDeployment.CheckLockTimeVerify => "bip65",
        BuriedDeployment.DerSig => "bip66",
        BuriedDeployment.Csv => "csv",
        BuriedDeployment.Segwit => "segwit",
        _ => throw new ArgumentOutOfRangeException(nameof(deployment)),
    };

    /// <summary>The name of a BIP9 deployment ("testdummy").</summary>
    public static string Name(DeploymentPos deployment) => deployment switch
    {
        DeploymentPos.TestDummy => "testdummy",
        _ => throw new ArgumentOutOfRangeException(nameof(deployment)),
    };

    /// <summary>Whether getblocktemplate may omit the deployment's rule ("!" prefix otherwise).</summary>
    public static bool GbtOptionalRule(DeploymentPos deployment) => deployment switch
    {
        DeploymentPos.TestDummy => true,
        _ => throw new ArgumentOutOfRangeException(nameof(deployment)),
    };

    /// <summary>All BIP9 deployments, in <see cref="DeploymentPos"/> order.</summary>
    public static IReadOnlyList<DeploymentPos> Bip9Deployments { get; } = [DeploymentPos.TestDummy];

    /// <summary>All buried deployments, in Core's order.</summary>
    public static IReadOnlyList<BuriedDeployment> BuriedDeployments { get; } =
    [
        BuriedDeployment.HeightInCoinbase, BuriedDeployment.CheckLockTimeVerify, BuriedDeployment.DerSig,
        BuriedDeployment.Csv, BuriedDeployment.Segwit,
    ];

    /// <summary>
    /// The buried deployment named in -testactivationheight: "segwit", "bip34", "dersig", "cltv" or "csv" (Core's
    /// GetBuriedDeployment); null for any other name.
    /// </summary>
    public static BuriedDeployment? ParseBuriedDeployment(string name) => name switch
    {
        "segwit" => BuriedDeployment.Segwit,
        "bip34" => BuriedDeployment.HeightInCoinbase,
        "dersig" => BuriedDeployment.DerSig,
        "cltv" => BuriedDeployment.CheckLockTimeVerify,
        "csv" => BuriedDeployment.Csv,
        _ => null,
    };

    /// <summary>The BIP9 deployment with this name, or null.</summary>
    public static DeploymentPos? ParseBip9Deployment(string name)
    {
        foreach (var deployment in Bip9Deployments)
        {
            if (Name(deployment) == name) return deployment;
        }
        return null;
    }
}
