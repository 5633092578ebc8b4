using System.Globalization;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Options that change a chain's parameters, as Core's CChainParams::*Options: activation heights
/// (-testactivationheight), version-bits parameters (-vbparams), the signet challenge and seed nodes
/// (-signetchallenge, -signetseednode), -fastprune and -test=bip94 on regtest. The kernel parses no command line:
/// the node fills this record, using the Parse helpers for Core's value syntax and error messages.
/// </summary>
public sealed record ChainParamsOptions
{
    /// <summary>Overridden activation heights of buried deployments.</summary>
    public IReadOnlyDictionary<BuriedDeployment, int> ActivationHeights { get; init; } =
        new Dictionary<BuriedDeployment, int>();

    /// <summary>Overridden BIP9 parameters.</summary>
    public IReadOnlyDictionary<DeploymentPos, VersionBitsParameters> VersionBitsParameters { get; init; } =
        new Dictionary<DeploymentPos, VersionBitsParameters>();

    /// <summary>Signet only: a custom challenge script (null: the default signet).</summary>
    public byte[]? SignetChallenge { get; init; }

    /// <summary>Signet only: seed nodes replacing the DNS seeds (null: keep the defaults).</summary>
    public IReadOnlyList<string>? SignetSeedNodes { get; init; }

    /// <summary>Regtest only: small block files, and prune after height 100 instead of 1000.</summary>
    public bool FastPrune { get; init; }

    /// <summary>Regtest only (-test=bip94): enforce the BIP94 timewarp rule.</summary>
    public bool EnforceBip94 { get; init; }

    /// <summary>
    /// Parses one -testactivationheight value, "name@height", into <paramref name="name"/> and <paramref name="height"/>.
    /// Throws <see cref="FormatException"/> with Core's message when it is malformed.
    /// </summary>
    public static void ParseTestActivationHeight(string value, out BuriedDeployment name, out int height)
    {
        ArgumentNullException.ThrowIfNull(value);
        int at = value.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"Invalid format ({value}) for -testactivationheight=name@height.");
        }
        if (!TryParseIntegral(value[(at + 1)..], out long parsed) || parsed < 0 || parsed >= int.MaxValue)
        {
            throw new FormatException($"Invalid height value ({value}) for -testactivationheight=name@height.");
        }
        name = DeploymentInfo.ParseBuriedDeployment(value[..at]) ??
               throw new FormatException($"Invalid name ({value}) for -testactivationheight=name@height.");
        height = (int)parsed;
    }

    /// <summary>
    /// Parses one -vbparams value, "deployment:start:end[:min_activation_height]". Throws
    /// <see cref="FormatException"/> with Core's message when it is malformed.
    /// </summary>
    public static (DeploymentPos Deployment, VersionBitsParameters Parameters) ParseVersionBitsParameters(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        if (parts.Length < 3 || parts.Length > 4)
        {
            throw new FormatException("Version bits parameters malformed, expecting deployment:start:end[:min_activation_height]");
        }
        if (!TryParseIntegral(parts[1], out long start)) throw new FormatException($"Invalid nStartTime ({parts[1]})");
        if (!TryParseIntegral(parts[2], out long timeout)) throw new FormatException($"Invalid nTimeout ({parts[2]})");
        long minActivationHeight = 0;
        if (parts.Length == 4 &&
            (!TryParseIntegral(parts[3], out minActivationHeight) || minActivationHeight < int.MinValue || minActivationHeight > int.MaxValue))
        {
            throw new FormatException($"Invalid min_activation_height ({parts[3]})");
        }
        var deployment = DeploymentInfo.ParseBip9Deployment(parts[0]) ??
                         throw new FormatException($"Invalid deployment ({parts[0]})");
        return (deployment, new VersionBitsParameters(start, timeout, (int)minActivationHeight));
    }

    /// <summary>
    /// Parses the -signetchallenge values (at most one, in hex). Throws <see cref="FormatException"/> with Core's message.
    /// </summary>
    public static byte[]? ParseSignetChallenge(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        if (values.Count != 1) throw new FormatException("-signetchallenge cannot be multiple values.");
        var hex = values[0];
        if (hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException($"-signetchallenge must be hex, not '{hex}'.");
        }
        return Convert.FromHexString(hex);
    }

    /// <summary>
    /// Builds options from argument values as Core's ReadXxxArgs do: every -testactivationheight and -vbparams value,
    /// and the signet/regtest specific ones (ignored on other chains).
    /// </summary>
    public static ChainParamsOptions FromArgumentValues(
        IEnumerable<string> testActivationHeights,
        IEnumerable<string> versionBitsParameters,
        IReadOnlyList<string>? signetChallenges = null,
        IReadOnlyList<string>? signetSeedNodes = null,
        bool fastPrune = false,
        bool enforceBip94 = false)
    {
        ArgumentNullException.ThrowIfNull(testActivationHeights);
        ArgumentNullException.ThrowIfNull(versionBitsParameters);
        var heights = new Dictionary<BuriedDeployment, int>();
        foreach (var value in testActivationHeights)
        {
            ParseTestActivationHeight(value, out var name, out var height);
            heights[name] = height;
        }
        var bits = new Dictionary<DeploymentPos, VersionBitsParameters>();
        foreach (var value in versionBitsParameters)
        {
            var (deployment, parameters) = ParseVersionBitsParameters(value);
            bits[deployment] = parameters;
        }
        return new ChainParamsOptions
        {
            ActivationHeights = heights,
            VersionBitsParameters = bits,
            SignetChallenge = signetChallenges == null ? null : ParseSignetChallenge(signetChallenges),
            SignetSeedNodes = signetSeedNodes is { Count: > 0 } ? signetSeedNodes : null,
            FastPrune = fastPrune,
            EnforceBip94 = enforceBip94,
        };
    }

    // Core's ToIntegral: an optional minus sign and decimal digits, nothing else (no '+', no spaces).
    private static bool TryParseIntegral(string text, out long value)
    {
        value = 0;
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length == 0) return false;
        foreach (var c in digits)
        {
            if (c < '0' || c > '9') return false;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
