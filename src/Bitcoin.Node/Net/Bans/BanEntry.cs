namespace Bitcoin.Node.Net.Bans;

/// <summary>One manual ban (Core's CBanEntry): when it was made and until when it lasts, in seconds since the epoch.</summary>
/// <param name="CreateTime">When the ban was made.</param>
/// <param name="BanUntil">When it expires.</param>
/// <param name="Version">The banlist.json entry version (1).</param>
public sealed record BanEntry(long CreateTime, long BanUntil, int Version = BanEntry.CurrentVersion)
{
    /// <summary>The only version Core writes and reads.</summary>
    public const int CurrentVersion = 1;
}
