namespace Capnp.Tests.Support;

/// <summary>Reads everything reachable in a message through the untyped readers, as a hostile-input probe.</summary>
internal static class Walker
{
    public static long Walk(AnyPointerReader pointer)
    {
        long sum = 0;
        switch (pointer.Kind)
        {
            case PointerKind.Struct:
                sum += Walk(pointer.GetStruct());
                break;
            case PointerKind.List:
                var list = pointer.GetList(ElementSize.Empty);
                sum += list.Count;
                if (list.ElementSize == ElementSize.InlineComposite)
                {
                    for (int i = 0; i < list.Count; i++)
                        sum += Walk(list.GetStruct(i));
                }
                else if (list.ElementSize == ElementSize.Pointer)
                {
                    for (int i = 0; i < list.Count; i++)
                        sum += Walk(list.GetPointer(i));
                }
                else
                {
                    foreach (var b in list.RawBytes)
                        sum += b;
                    if (list.ElementSize == ElementSize.Byte)
                        sum += pointer.GetData().Length;
                }

                break;
            case PointerKind.Capability:
                sum += pointer.GetCapability() is null ? 0 : 1;
                break;
        }

        return sum;
    }

    public static long Walk(StructReader s)
    {
        long sum = 0;
        for (int i = 0; i < s.DataBytes / 8; i++)
            sum += (long)s.ReadUInt64(i);
        for (int i = 0; i < s.PointerCount; i++)
            sum += Walk(s.GetPointer(i));
        return sum;
    }
}
