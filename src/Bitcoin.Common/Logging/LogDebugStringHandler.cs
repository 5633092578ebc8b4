using System.Runtime.CompilerServices;

namespace Bitcoin.Common.Logging;

/// <summary>
/// Builds the message of a <see cref="Log.Debug(LogCategory, ref LogDebugStringHandler, string, int, string)"/> call only
/// when the category is enabled at debug level; otherwise the interpolation holes are never evaluated.
/// </summary>
[InterpolatedStringHandler]
public ref struct LogDebugStringHandler
{
    private DefaultInterpolatedStringHandler _builder;

    /// <summary>Called by the compiler; decides whether the message is built.</summary>
    public LogDebugStringHandler(int literalLength, int formattedCount, LogCategory category, out bool isEnabled)
    {
        IsEnabled = isEnabled = Log.IsEnabled(category, LogLevel.Debug);
        _builder = isEnabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    /// <summary>True if the line will be written.</summary>
    public bool IsEnabled { get; }

    /// <summary>Called by the compiler for literal text.</summary>
    public void AppendLiteral(string value) => _builder.AppendLiteral(value);

    /// <summary>Called by the compiler for a hole.</summary>
    public void AppendFormatted<T>(T value) => _builder.AppendFormatted(value);

    /// <summary>Called by the compiler for a hole with a format.</summary>
    public void AppendFormatted<T>(T value, string? format) => _builder.AppendFormatted(value, format);

    /// <summary>Called by the compiler for a hole with an alignment.</summary>
    public void AppendFormatted<T>(T value, int alignment) => _builder.AppendFormatted(value, alignment);

    /// <summary>Called by the compiler for a hole with an alignment and a format.</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format) => _builder.AppendFormatted(value, alignment, format);

    /// <summary>Called by the compiler for a span hole.</summary>
    public void AppendFormatted(ReadOnlySpan<char> value) => _builder.AppendFormatted(value);

    /// <summary>Called by the compiler for a string hole.</summary>
    public void AppendFormatted(string? value) => _builder.AppendFormatted(value);

    /// <summary>The built message.</summary>
    public string ToStringAndClear() => IsEnabled ? _builder.ToStringAndClear() : string.Empty;
}
