namespace Capnp.Internal;

/// <summary>
/// Deep copies of pointers from a reader into a builder (forwarding parameters and results, setting AnyPointer
/// fields from another message, default values), and moves of pointers within one builder. Copies read through the
/// source's checked readers, so a hostile source is bounded by its own limits.
/// </summary>
internal static class PointerCopier
{
    public static void Copy(AnyPointerReader source, MessageBuilder message, int segment, int pointerOffset)
    {
        var slot = new AnyPointerBuilder(message, segment, pointerOffset);
        switch (source.Kind)
        {
            case PointerKind.Null:
                slot.Clear();
                break;
            case PointerKind.Struct:
                CopyStruct(source.GetStruct(), message, segment, pointerOffset);
                break;
            case PointerKind.List:
                // Expecting "void" accepts every encoding and keeps the list as it is on the wire.
                CopyList(source.GetList(ElementSize.Empty), message, segment, pointerOffset);
                break;
            case PointerKind.Capability:
                // The table entry itself: SetCapability takes the destination's own reference.
                slot.SetCapability(source.GetCapabilityEntry());
                break;
        }
    }

    public static void CopyStruct(StructReader source, MessageBuilder message, int segment, int pointerOffset)
    {
        var slot = new AnyPointerBuilder(message, segment, pointerOffset);
        if (source.IsNull)
        {
            slot.Clear();
            return;
        }

        var size = new StructSize((ushort)((source.DataBytes + 7) / 8), (ushort)source.PointerCount);
        var target = slot.InitStruct(size);
        CopyStructContent(source, target);
    }

    public static void CopyList(ListReader source, MessageBuilder message, int segment, int pointerOffset)
    {
        var slot = new AnyPointerBuilder(message, segment, pointerOffset);
        if (source.IsNull)
        {
            slot.Clear();
            return;
        }

        switch (source.ElementSize)
        {
            case ElementSize.InlineComposite:
                var first = source.Count > 0 ? source.GetStruct(0) : default;
                var size = source.Count > 0
                    ? new StructSize((ushort)(first.DataBytes / 8), (ushort)first.PointerCount)
                    : default;
                var structs = slot.InitStructList(source.Count, size);
                for (int i = 0; i < source.Count; i++)
                    CopyStructContent(source.GetStruct(i), structs.GetStruct(i));
                break;
            case ElementSize.Pointer:
                var pointers = slot.InitList(ElementSize.Pointer, source.Count);
                for (int i = 0; i < source.Count; i++)
                {
                    var element = pointers.GetPointer(i);
                    Copy(source.GetPointer(i), message, ElementSegment(element), ElementOffset(element));
                }

                break;
            default:
                var list = slot.InitList(source.ElementSize, source.Count);
                source.RawBytes.CopyTo(list.RawBytes);
                break;
        }
    }

    /// <summary>Moves the pointer at (<paramref name="fromSegment"/>, <paramref name="fromOffset"/>) to
    /// (<paramref name="toSegment"/>, <paramref name="toOffset"/>) in the same message, re-encoding its offset (and
    /// adding a landing pad when the object is in another segment). The old slot is cleared.</summary>
    public static void Transfer(MessageBuilder message, int fromSegment, int fromOffset, int toSegment, int toOffset)
    {
        var word = message.ReadWord(fromSegment, fromOffset);
        message.WriteWord(fromSegment, fromOffset, 0);
        if (word == 0 || WirePointer.Kind(word) is WirePointer.KindFar or WirePointer.KindOther)
        {
            // Far pointers are absolute and capability pointers are indices: both move verbatim.
            message.WriteWord(toSegment, toOffset, word);
            return;
        }

        int target = fromOffset + 8 + (WirePointer.Offset(word) * 8);
        message.WritePointerTo(toSegment, toOffset, fromSegment, target, word);
    }

    private static void CopyStructContent(StructReader source, StructBuilder target)
    {
        source.DataSection.CopyTo(target.DataSection);
        for (int i = 0; i < source.PointerCount; i++)
            Copy(source.GetPointer(i), target.Message, target.Segment, target.PointerOffset + (i * 8));
    }

    private static int ElementSegment(AnyPointerBuilder slot) => slot.Segment;

    private static int ElementOffset(AnyPointerBuilder slot) => slot.PointerOffset;
}
