namespace Bitcoin.Common.Util;

/// <summary>
/// How bitcoind, bitcoin-cli and the other executables name and version themselves. The name and version number
/// follow the Bitcoin Core release whose behaviour this project implements, so that tools and tests written for Core
/// (which look for "Bitcoin Core" in messages and compare version numbers) see what they expect.
/// </summary>
public static class ClientVersion
{
    /// <summary>Core's CLIENT_NAME.</summary>
    public const string ClientName = "Bitcoin Core";

    /// <summary>Major version (Core's CLIENT_VERSION_MAJOR).</summary>
    public const int Major = 31;

    /// <summary>Minor version.</summary>
    public const int Minor = 99;

    /// <summary>Build number.</summary>
    public const int Build = 0;

    /// <summary>The version as a number, as getnetworkinfo reports it (Core's CLIENT_VERSION: 10000*major + 100*minor + build).</summary>
    public const int Number = (10000 * Major) + (100 * Minor) + Build;

    /// <summary>The version as shown to users: "v31.99.0" (Core's <c>FormatFullVersion</c>).</summary>
    public static string FullVersion => $"v{Major}.{Minor}.{Build}";

    /// <summary>The copyright and license lines printed by <c>-version</c>, wrapped to 79 columns.</summary>
    public static string LicenseInfo =>
        TextFormatting.FormatParagraph("Copyright (C) 2026 The multiprocess Bitcoin in C# developers") + "\n" +
        "\n" +
        TextFormatting.FormatParagraph("A Bitcoin node, wallet and GUI in C# that follow Bitcoin Core's behaviour and its multiprocess design.") + "\n" +
        "\n" +
        TextFormatting.FormatParagraph("This is experimental software.") + "\n" +
        TextFormatting.FormatParagraph("Distributed under the MIT software license, see the accompanying file COPYING or <https://opensource.org/licenses/MIT>") + "\n";
}
