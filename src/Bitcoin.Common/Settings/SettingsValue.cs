using System.Globalization;
using System.Text;

namespace Bitcoin.Common.Settings;

/// <summary>
/// One setting value, as Core's <c>common::SettingsValue</c> (a UniValue): null, a boolean, a number, a string, or (from
/// settings.json) an array or object. Immutable; <c>default</c> is <see cref="Null"/>. Strings, booleans and integers
/// convert implicitly, so <c>store.RwSettings["wallet"] = "w1"</c> reads naturally.
/// </summary>
public readonly struct SettingsValue : IEquatable<SettingsValue>
{
    private readonly string? _text;
    private readonly SettingsValue[]? _items;
    private readonly string[]? _keys;

    private SettingsValue(SettingsValueKind kind, bool boolean, string? text, SettingsValue[]? items, string[]? keys)
    {
        Kind = kind;
        _boolean = boolean;
        _text = text;
        _items = items;
        _keys = keys;
    }

    private readonly bool _boolean;

    /// <summary>The unset value.</summary>
    public static SettingsValue Null => default;

    /// <summary>The boolean true.</summary>
    public static SettingsValue True { get; } = new(SettingsValueKind.Bool, true, null, null, null);

    /// <summary>The boolean false (a negated option).</summary>
    public static SettingsValue False { get; } = new(SettingsValueKind.Bool, false, null, null, null);

    /// <summary>The JSON type of this value.</summary>
    public SettingsValueKind Kind { get; }

    public bool IsNull => Kind == SettingsValueKind.Null;
    public bool IsBool => Kind == SettingsValueKind.Bool;
    public bool IsTrue => Kind == SettingsValueKind.Bool && _boolean;
    public bool IsFalse => Kind == SettingsValueKind.Bool && !_boolean;
    public bool IsNumber => Kind == SettingsValueKind.Number;
    public bool IsString => Kind == SettingsValueKind.String;
    public bool IsArray => Kind == SettingsValueKind.Array;
    public bool IsObject => Kind == SettingsValueKind.Object;

    /// <summary>A boolean value.</summary>
    public static SettingsValue FromBool(bool value) => value ? True : False;

    /// <summary>A string value.</summary>
    public static SettingsValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(SettingsValueKind.String, false, value, null, null);
    }

    /// <summary>An integer number value.</summary>
    public static SettingsValue FromInt64(long value) =>
        new(SettingsValueKind.Number, false, value.ToString(CultureInfo.InvariantCulture), null, null);

    /// <summary>A real number value, written with the shortest text that round-trips ("3.25").</summary>
    public static SettingsValue FromDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), "JSON numbers must be finite.");
        return new(SettingsValueKind.Number, false, value.ToString("R", CultureInfo.InvariantCulture), null, null);
    }

    /// <summary>A number given as JSON number text (as read from a file); the text must be a valid JSON number.</summary>
    public static SettingsValue FromNumberText(string jsonNumber)
    {
        if (!Internal.JsonText.IsJsonNumber(jsonNumber))
            throw new FormatException($"'{jsonNumber}' is not a JSON number.");
        return new(SettingsValueKind.Number, false, jsonNumber, null, null);
    }

    // For the JSON reader, which has already validated the number.
    internal static SettingsValue FromNumberTextUnchecked(string jsonNumber) =>
        new(SettingsValueKind.Number, false, jsonNumber, null, null);

    /// <summary>An array value.</summary>
    public static SettingsValue Array(IEnumerable<SettingsValue> items) =>
        new(SettingsValueKind.Array, false, null, items.ToArray(), null);

    /// <summary>An array value.</summary>
    public static SettingsValue Array(params SettingsValue[] items) => Array((IEnumerable<SettingsValue>)items);

    /// <summary>An object value; key order is kept and duplicate keys are allowed, as in UniValue.</summary>
    public static SettingsValue Object(IEnumerable<KeyValuePair<string, SettingsValue>> properties)
    {
        var list = properties.ToArray();
        return new(SettingsValueKind.Object, false, null, list.Select(p => p.Value).ToArray(), list.Select(p => p.Key).ToArray());
    }

    /// <summary>An object with no properties.</summary>
    public static SettingsValue EmptyObject { get; } = new(SettingsValueKind.Object, false, null, [], []);

    /// <summary>An array with no items.</summary>
    public static SettingsValue EmptyArray { get; } = new(SettingsValueKind.Array, false, null, [], null);

    public static implicit operator SettingsValue(string value) => FromString(value);
    public static implicit operator SettingsValue(bool value) => FromBool(value);
    public static implicit operator SettingsValue(long value) => FromInt64(value);

    /// <summary>The boolean; throws <see cref="SettingsTypeException"/> if this is not a boolean.</summary>
    public bool GetBool()
    {
        CheckKind(SettingsValueKind.Bool);
        return _boolean;
    }

    /// <summary>The string; throws <see cref="SettingsTypeException"/> if this is not a string.</summary>
    public string GetString()
    {
        CheckKind(SettingsValueKind.String);
        return _text!;
    }

    /// <summary>The number's JSON text; throws <see cref="SettingsTypeException"/> if this is not a number.</summary>
    public string GetNumberText()
    {
        CheckKind(SettingsValueKind.Number);
        return _text!;
    }

    /// <summary>
    /// The number as a 64-bit integer; throws <see cref="SettingsTypeException"/> if this is not a number or not an
    /// integer that fits (UniValue's <c>getInt</c>).
    /// </summary>
    public long GetInt64()
    {
        CheckKind(SettingsValueKind.Number);
        if (!long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new SettingsTypeException("JSON integer out of range");
        return value;
    }

    /// <summary>The items of an array, or the property values of an object.</summary>
    public IReadOnlyList<SettingsValue> Items
    {
        get
        {
            if (Kind is not (SettingsValueKind.Array or SettingsValueKind.Object))
                throw new SettingsTypeException($"JSON value of type {TypeName(Kind)} is not an object or array as expected");
            return _items!;
        }
    }

    /// <summary>The properties of an object, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, SettingsValue>> Properties
    {
        get
        {
            CheckKind(SettingsValueKind.Object);
            var result = new KeyValuePair<string, SettingsValue>[_keys!.Length];
            for (var i = 0; i < result.Length; i++)
                result[i] = new(_keys[i], _items![i]);
            return result;
        }
    }

    /// <summary>
    /// The JSON text of this value, as UniValue's <c>write</c>: compact by default ("\"str\"", "false", "[1,2]"); with
    /// <paramref name="prettyIndent"/> spaces per level when pretty-printing, starting at <paramref name="indentLevel"/>.
    /// </summary>
    public string Write(int prettyIndent = 0, int indentLevel = 0)
    {
        var output = new StringBuilder();
        WriteTo(output, prettyIndent, indentLevel == 0 ? 1 : indentLevel);
        return output.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Write();

    /// <summary>Values are equal when their JSON text is equal (as Core's tests compare them).</summary>
    public bool Equals(SettingsValue other) => Kind == other.Kind && Write() == other.Write();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SettingsValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Write());

    public static bool operator ==(SettingsValue left, SettingsValue right) => left.Equals(right);
    public static bool operator !=(SettingsValue left, SettingsValue right) => !left.Equals(right);

    /// <summary>UniValue's name for a JSON type ("null", "bool", "number", "string", "array", "object").</summary>
    public static string TypeName(SettingsValueKind kind) => kind switch
    {
        SettingsValueKind.Null => "null",
        SettingsValueKind.Bool => "bool",
        SettingsValueKind.Number => "number",
        SettingsValueKind.String => "string",
        SettingsValueKind.Array => "array",
        SettingsValueKind.Object => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private void CheckKind(SettingsValueKind expected)
    {
        if (Kind != expected)
            throw new SettingsTypeException($"JSON value of type {TypeName(Kind)} is not of expected type {TypeName(expected)}");
    }

    private void WriteTo(StringBuilder output, int prettyIndent, int indentLevel)
    {
        switch (Kind)
        {
            case SettingsValueKind.Null:
                output.Append("null");
                break;
            case SettingsValueKind.Bool:
                output.Append(_boolean ? "true" : "false");
                break;
            case SettingsValueKind.Number:
                output.Append(_text);
                break;
            case SettingsValueKind.String:
                Internal.JsonText.AppendQuoted(output, _text!);
                break;
            case SettingsValueKind.Array:
            case SettingsValueKind.Object:
                WriteContainer(output, prettyIndent, indentLevel);
                break;
        }
    }

    private void WriteContainer(StringBuilder output, int prettyIndent, int indentLevel)
    {
        var isObject = Kind == SettingsValueKind.Object;
        output.Append(isObject ? '{' : '[');
        if (prettyIndent > 0)
            output.Append('\n');
        for (var i = 0; i < _items!.Length; i++)
        {
            if (prettyIndent > 0)
                output.Append(' ', prettyIndent * indentLevel);
            if (isObject)
            {
                Internal.JsonText.AppendQuoted(output, _keys![i]);
                output.Append(':');
                if (prettyIndent > 0)
                    output.Append(' ');
            }

            _items[i].WriteTo(output, prettyIndent, indentLevel + 1);
            if (i != _items.Length - 1)
                output.Append(',');
            if (prettyIndent > 0)
                output.Append('\n');
        }

        if (prettyIndent > 0)
            output.Append(' ', prettyIndent * (indentLevel - 1));
        output.Append(isObject ? '}' : ']');
    }
}
