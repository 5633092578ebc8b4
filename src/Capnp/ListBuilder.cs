using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capnp.Internal;

namespace Capnp;

/// <summary>A list under construction, of any element size.</summary>
public readonly struct ListBuilder
{
    private readonly MessageBuilder? _message;
    private readonly int _segment;
    private readonly int _offset;
    private readonly int _count;
    private readonly int _stepBits;
    private readonly int _dataBits;
    private readonly int _pointerCount;
    private readonly ElementSize _elementSize;

    private ListBuilder(MessageBuilder message, int segment, int offset, int count, int stepBits, int dataBits,
        int pointerCount, ElementSize elementSize)
    {
        _message = message;
        _segment = segment;
        _offset = offset;
        _count = count;
        _stepBits = stepBits;
        _dataBits = dataBits;
        _pointerCount = pointerCount;
        _elementSize = elementSize;
    }

    /// <summary>Number of elements.</summary>
    public int Count => _count;

    /// <summary>How the list is encoded.</summary>
    public ElementSize ElementSize => _elementSize;

    /// <summary>The message this list belongs to.</summary>
    public MessageBuilder? Message => _message;

    /// <summary>The elements as raw bytes to write in place (non-struct, non-pointer lists only).</summary>
    public Span<byte> RawBytes
    {
        get
        {
            if (_message is null || _elementSize is ElementSize.InlineComposite or ElementSize.Pointer or ElementSize.Empty)
                return default;
            return _message.Buffer(_segment).AsSpan(_offset, (int)((((long)_count * _stepBits) + 7) / 8));
        }
    }

    /// <summary>Writes element <paramref name="index"/> of a Bool list.</summary>
    public void SetBool(int index, bool value)
    {
        CheckIndex(index);
        RequireData(1);
        long bit = (long)index * _stepBits;
        ref byte b = ref _message!.Buffer(_segment)[_offset + (int)(bit >> 3)];
        int mask = 1 << (int)(bit & 7);
        b = value ? (byte)(b | mask) : (byte)(b & ~mask);
    }

    /// <summary>Reads back element <paramref name="index"/> of a Bool list.</summary>
    public bool GetBool(int index)
    {
        CheckIndex(index);
        RequireData(1);
        long bit = (long)index * _stepBits;
        return ((_message!.Buffer(_segment)[_offset + (int)(bit >> 3)] >> (int)(bit & 7)) & 1) != 0;
    }

    /// <summary>Writes element <paramref name="index"/> as a primitive of type <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set<T>(int index, T value)
        where T : unmanaged
    {
        CheckIndex(index);
        RequireData(Unsafe.SizeOf<T>() * 8);
        LittleEndian.Write(ElementSpan(index, Unsafe.SizeOf<T>()), value);
    }

    /// <summary>Reads back element <paramref name="index"/> as a primitive of type <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get<T>(int index)
        where T : unmanaged
    {
        CheckIndex(index);
        RequireData(Unsafe.SizeOf<T>() * 8);
        return LittleEndian.Read<T>(ElementSpan(index, Unsafe.SizeOf<T>()));
    }

    /// <summary>The elements as a span of <typeparamref name="T"/> to write in place, when packed at exactly that
    /// size on a little-endian machine; otherwise false.</summary>
    public bool TryGetSpan<T>(out Span<T> span)
        where T : unmanaged
    {
        if (BitConverter.IsLittleEndian && _message is not null && _elementSize != ElementSize.InlineComposite &&
            _stepBits == Unsafe.SizeOf<T>() * 8 && _dataBits == _stepBits)
        {
            span = MemoryMarshal.Cast<byte, T>(_message.Buffer(_segment).AsSpan(_offset, _count * Unsafe.SizeOf<T>()));
            return true;
        }

        span = default;
        return _message is null;
    }

    /// <summary>Element <paramref name="index"/> of a struct list.</summary>
    public StructBuilder GetStruct(int index)
    {
        CheckIndex(index);
        if (_elementSize != ElementSize.InlineComposite)
            ThrowHelper.InvalidOperation("Not a list of structs.");
        int at = _offset + (int)(((long)index * _stepBits) >> 3);
        return new StructBuilder(_message!, _segment, at, _dataBits / 8, at + (_dataBits / 8), _pointerCount);
    }

    /// <summary>Element <paramref name="index"/> of a pointer list (Text, Data, lists, capabilities) as a slot.</summary>
    public AnyPointerBuilder GetPointer(int index)
    {
        CheckIndex(index);
        if (_elementSize != ElementSize.Pointer)
            ThrowHelper.InvalidOperation("Not a list of pointers.");
        return new AnyPointerBuilder(_message!, _segment, _offset + (index * 8));
    }

    /// <summary>Reads the list back, in place.</summary>
    public ListReader AsReader() => _message is null
        ? default
        : new ListReader(_message.View, _segment, _offset, _count, _stepBits, _dataBits / 8, _pointerCount, _elementSize, int.MaxValue);

    internal static ListBuilder Create(MessageBuilder message, int segment, int offset, int count, ElementSize size)
    {
        int dataBits = WirePointer.DataBitsPerElement(size);
        int pointers = WirePointer.PointersPerElement(size);
        return new ListBuilder(message, segment, offset, count, dataBits + (64 * pointers), dataBits, pointers, size);
    }

    internal static ListBuilder CreateComposite(MessageBuilder message, int segment, int offset, int count, StructSize size) =>
        new(message, segment, offset, count, size.TotalWords * 64, size.DataWords * 64, size.PointerCount, ElementSize.InlineComposite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_count)
            ThrowHelper.IndexOutOfRange(index, _count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RequireData(int bits)
    {
        if (_dataBits < bits || (_elementSize == ElementSize.Bit) != (bits == 1))
            ThrowHelper.InvalidOperation($"The list's elements ({_elementSize}) do not hold this type.");
    }

    private Span<byte> ElementSpan(int index, int size) =>
        _message!.Buffer(_segment).AsSpan(_offset + (int)(((long)index * _stepBits) >> 3), size);
}
