using System.Diagnostics.CodeAnalysis;

namespace Capnp.Internal;

/// <summary>Throw sites kept out of the hot paths.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(string message) => throw new CapnpFormatException(message);

    [DoesNotReturn]
    public static T Format<T>(string message) => throw new CapnpFormatException(message);

    [DoesNotReturn]
    public static void OutOfBoundsPointer() =>
        throw new CapnpFormatException("Message contains an out-of-bounds pointer.");

    [DoesNotReturn]
    public static void TraversalLimit() =>
        throw new CapnpFormatException(
            "Message exceeded the traversal limit (too large, or amplified by pointers to the same data); see ReaderOptions.TraversalLimitInWords.");

    [DoesNotReturn]
    public static void NestingLimit() =>
        throw new CapnpFormatException("Message is too deeply nested or contains cycles; see ReaderOptions.NestingLimit.");

    [DoesNotReturn]
    public static void IndexOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be less than the list's {count} elements.");

    [DoesNotReturn]
    public static void FieldOutOfRange(string what) =>
        throw new ArgumentOutOfRangeException(what, "Field lies outside the struct's section.");

    [DoesNotReturn]
    public static void Disposed(string name) => throw new ObjectDisposedException(name);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void Argument(string message, string paramName) => throw new ArgumentException(message, paramName);
}
