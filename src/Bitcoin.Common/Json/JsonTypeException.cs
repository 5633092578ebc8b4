namespace Bitcoin.Common.Json;

/// <summary>
/// A JSON value had another kind than the caller expected, as UniValue's type_error. The RPC dispatcher turns it into
/// error -3 (RPC_TYPE_ERROR) with this message, e.g. "JSON value of type number is not of expected type string".
/// </summary>
public sealed class JsonTypeException : InvalidOperationException
{
    /// <summary>Creates the exception for a value of kind <paramref name="actual"/> where <paramref name="expected"/> was wanted.</summary>
    public JsonTypeException(JsonKind actual, JsonKind expected)
        : base($"JSON value of type {actual.TypeName()} is not of expected type {expected.TypeName()}")
    {
        Actual = actual;
        Expected = expected;
    }

    /// <summary>The kind the value had.</summary>
    public JsonKind Actual { get; }

    /// <summary>The kind the caller wanted.</summary>
    public JsonKind Expected { get; }
}
