namespace Capnp;

/// <summary>The size of a struct's two sections, as the schema compiler laid them out.</summary>
/// <param name="DataWords">Words in the data section.</param>
/// <param name="PointerCount">Pointers in the pointer section.</param>
public readonly record struct StructSize(ushort DataWords, ushort PointerCount)
{
    /// <summary>Total size in words.</summary>
    public int TotalWords => DataWords + PointerCount;
}
