namespace Bitcoin.Interfaces;

/// <summary>
/// A message in its original (English) form and as shown to the user (Core's <c>bilingual_str</c>). This node does
/// not translate, so both are usually the same text.
/// </summary>
/// <param name="Original">The untranslated text, as written to debug.log and RPC results.</param>
/// <param name="Translated">The text for the user interface.</param>
public sealed record BilingualString(string Original, string Translated)
{
    /// <summary>A message that has no translation (Core's <c>Untranslated</c>).</summary>
    public static BilingualString Untranslated(string text) => new(text, text);

    /// <inheritdoc/>
    public override string ToString() => Original;
}
