namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>A concatenation of byte pieces (script fragments), flattened once at the end (see <see cref="TextRope"/>).</summary>
internal sealed class ByteRope
{
    private readonly byte[]? _bytes;
    private readonly List<ByteRope>? _parts;

    private ByteRope(byte[]? bytes, List<ByteRope>? parts)
    {
        _bytes = bytes;
        _parts = parts;
    }

    public static ByteRope Of(byte[] bytes) => new(bytes, null);

    public static ByteRope Concat(params ByteRope[] parts) => new(null, [.. parts]);

    public byte[] ToArray()
    {
        var result = new List<byte>();
        var stack = new Stack<ByteRope>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            if (r._bytes is not null)
            {
                result.AddRange(r._bytes);
                continue;
            }
            for (int i = r._parts!.Count - 1; i >= 0; i--) stack.Push(r._parts[i]);
        }
        return [.. result];
    }
}
