namespace Bitcoin.Common.Json;

/// <summary>The six JSON value kinds as UniValue names them (UniValue::VType).</summary>
public enum JsonKind
{
    /// <summary>JSON <c>null</c> (a C# null <see cref="System.Text.Json.Nodes.JsonNode"/>).</summary>
    Null,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary>An object (<see cref="System.Text.Json.Nodes.JsonObject"/>).</summary>
    Object,
    /// <summary>An array (<see cref="System.Text.Json.Nodes.JsonArray"/>).</summary>
    Array,
    /// <summary>A string.</summary>
    String,
    /// <summary>A number, kept as its text like UniValue does.</summary>
    Number,
}
