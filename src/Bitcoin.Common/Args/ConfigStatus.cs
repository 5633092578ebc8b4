namespace Bitcoin.Common.Args;

/// <summary>How <see cref="ConfigInit.InitConfig"/> failed (Core's <c>common::ConfigStatus</c>).</summary>
public enum ConfigStatus
{
    /// <summary>Configuration is invalid: report and exit with status 1.</summary>
    Failed,

    /// <summary>settings.json could not be written.</summary>
    FailedWrite,

    /// <summary>The user chose to abort after a settings.json error (GUI).</summary>
    Aborted,
}
