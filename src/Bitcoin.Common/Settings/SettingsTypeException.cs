namespace Bitcoin.Common.Settings;

/// <summary>
/// A setting holds a JSON type the caller cannot use (for example a number where a string option is read, which can
/// only come from a hand-edited settings.json). The message is UniValue's ("JSON value of type number is not of
/// expected type string"); start-up code reports it as a configuration error.
/// </summary>
public sealed class SettingsTypeException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public SettingsTypeException(string message) : base(message)
    {
    }
}
