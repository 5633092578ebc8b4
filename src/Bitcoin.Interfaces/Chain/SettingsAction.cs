namespace Bitcoin.Interfaces;

/// <summary>What to do after a settings.json value was changed (Core's <c>interfaces::SettingsAction</c>).</summary>
public enum SettingsAction
{
    /// <summary>Write the settings file.</summary>
    Write = 0,

    /// <summary>Keep the change in memory only.</summary>
    SkipWrite = 1,
}
