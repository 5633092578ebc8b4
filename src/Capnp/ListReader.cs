using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// A list read in place, of any element size. Elements are reached by index; an element narrower than the accessor
/// asks for reads as its default (zero/null), so every accessor is safe on every list. The default value is an
/// empty list.
/// </summary>
public readonly struct ListReader
{
    private readonly MessageReader? _message;
    private readonly int _segment;
    private readonly int _offset;
    private readonly int _count;
    private readonly int _stepBits;
    private readonly int _dataBits;
    private readonly int _pointerCount;
    private readonly ElementSize _elementSize;
    private readonly int _nestingLimit;

    internal ListReader(MessageReader message, int segment, int offset, int count, int stepBits, int dataBytes,
        int pointerCount, ElementSize elementSize, int nestingLimit)
    {
        _message = message;
        _segment = segment;
        _offset = offset;
        _count = count;
        _stepBits = stepBits;

        // Bit lists have one data bit; everything else is measured in whole bytes.
        _dataBits = elementSize == ElementSize.Bit ? 1 : dataBytes * 8;
        _pointerCount = pointerCount;
        _elementSize = elementSize;
        _nestingLimit = nestingLimit;
    }

    /// <summary>Number of elements.</summary>
    public int Count => _count;

    /// <summary>True when this is the default (absent) list.</summary>
    public bool IsNull => _message is null;

    /// <summary>How the list is encoded on the wire.</summary>
    public ElementSize ElementSize => _elementSize;

    /// <summary>The message this list lives in (null for the default list).</summary>
    public MessageReader? Message => _message;

    /// <summary>
    /// The elements as raw bytes in place, when they are packed at their natural size (not a struct list read as a
    /// list of primitives); otherwise empty.
    /// </summary>
    public ReadOnlySpan<byte> RawBytes
    {
        get
        {
            if (_message is null || _elementSize is ElementSize.InlineComposite or ElementSize.Pointer or ElementSize.Empty)
                return default;
            long bytes = (((long)_count * _stepBits) + 7) / 8;
            return _message.Span(_segment).Slice(_offset, (int)bytes);
        }
    }

    /// <summary>Reads element <paramref name="index"/> as a Bool.</summary>
    public bool GetBool(int index)
    {
        CheckIndex(index);
        if (_dataBits < 1)
            return false;
        long bit = (long)index * _stepBits;
        var b = _message!.Span(_segment)[_offset + (int)(bit >> 3)];
        return ((b >> (int)(bit & 7)) & 1) != 0;
    }

    /// <summary>Reads element <paramref name="index"/> as a primitive of type <typeparamref name="T"/>
    /// (sbyte, byte, short, ushort, int, uint, long, ulong, float or double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get<T>(int index)
        where T : unmanaged
    {
        CheckIndex(index);
        int size = Unsafe.SizeOf<T>();
        if (_dataBits < size * 8)
            return default;
        var span = _message!.Span(_segment).Slice(_offset + (int)(((long)index * _stepBits) >> 3), size);
        return LittleEndian.Read<T>(span);
    }

    /// <summary>
    /// The elements as a span of <typeparamref name="T"/> in place, when the list is packed at exactly that size on a
    /// little-endian machine; otherwise false.
    /// </summary>
    public bool TryGetSpan<T>(out ReadOnlySpan<T> span)
        where T : unmanaged
    {
        if (BitConverter.IsLittleEndian && _message is not null && _elementSize != ElementSize.InlineComposite &&
            _stepBits == Unsafe.SizeOf<T>() * 8 && _dataBits == _stepBits)
        {
            span = MemoryMarshal.Cast<byte, T>(_message.Span(_segment).Slice(_offset, _count * Unsafe.SizeOf<T>()));
            return true;
        }

        span = default;
        return _message is null;
    }

    /// <summary>Reads element <paramref name="index"/> as a struct (a primitive list's elements read as structs
    /// whose first field is the element).</summary>
    public StructReader GetStruct(int index)
    {
        CheckIndex(index);
        int at = ElementOffset(index);
        int dataBytes = _dataBits / 8;
        return new StructReader(_message!, _segment, at, dataBytes, at + dataBytes, _pointerCount, _nestingLimit);
    }

    /// <summary>Element <paramref name="index"/>'s (first) pointer as an AnyPointer.</summary>
    public AnyPointerReader GetPointer(int index)
    {
        CheckIndex(index);
        if (_pointerCount == 0)
            return default;
        return new AnyPointerReader(_message!, _segment, PointerOffset(index), _nestingLimit);
    }

    /// <summary>Reads element <paramref name="index"/> as a list.</summary>
    public ListReader GetList(int index, ElementSize expected) => GetPointer(index).GetList(expected);

    /// <summary>Reads element <paramref name="index"/> as Text, in place.</summary>
    public Text GetText(int index) => GetPointer(index).GetText();

    /// <summary>Reads element <paramref name="index"/> as Data, in place.</summary>
    public ReadOnlyMemory<byte> GetData(int index) => GetPointer(index).GetData();

    /// <summary>Reads element <paramref name="index"/> as a capability.</summary>
    public IClientHook? GetCapability(int index) => GetPointer(index).GetCapability();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_count)
            ThrowHelper.IndexOutOfRange(index, _count);
    }

    private int ElementOffset(int index) => _offset + (int)(((long)index * _stepBits) >> 3);

    private int PointerOffset(int index) => ElementOffset(index) + (_dataBits / 8);
}
