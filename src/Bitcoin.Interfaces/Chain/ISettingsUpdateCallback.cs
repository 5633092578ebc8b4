using Bitcoin.Common.Settings;

namespace Bitcoin.Interfaces;

/// <summary>Edits one settings.json value atomically for <see cref="IChain.UpdateRwSetting"/> (Core's <c>SettingsUpdate</c>, the IPC <c>SettingsUpdateCallback</c>).</summary>
public interface ISettingsUpdateCallback
{
    /// <summary>
    /// Receives the current value (null if unset) and returns the new one in <paramref name="value"/>, with what to
    /// do: <see cref="SettingsAction.Write"/> to save, <see cref="SettingsAction.SkipWrite"/> to keep it in memory, or
    /// null to leave the setting unchanged. Called with the settings lock held: do not call back into the chain.
    /// </summary>
    SettingsAction? Call(ref SettingsValue value);
}
