namespace Capnp;

/// <summary>
/// A pointer of any kind, read in place: a struct, a list, a capability or null. Generated code uses it for
/// AnyPointer fields; the RPC layer uses it for call parameters and results. The default value is a null pointer.
/// </summary>
public readonly struct AnyPointerReader
{
    private readonly MessageReader? _message;
    private readonly int _segment;
    private readonly int _pointerOffset;
    private readonly int _nestingLimit;

    internal AnyPointerReader(MessageReader message, int segment, int pointerOffset, int nestingLimit)
    {
        _message = message;
        _segment = segment;
        _pointerOffset = pointerOffset;
        _nestingLimit = nestingLimit;
    }

    /// <summary>The message the pointer lives in (null for the default pointer).</summary>
    public MessageReader? Message => _message;

    /// <summary>True for a null pointer.</summary>
    public bool IsNull => Kind == PointerKind.Null;

    /// <summary>What the pointer refers to (following far pointers).</summary>
    public PointerKind Kind => _message is null ? PointerKind.Null : _message.KindOf(_segment, _pointerOffset);

    internal int Segment => _segment;

    internal int PointerOffset => _pointerOffset;

    internal int NestingLimit => _nestingLimit;

    /// <summary>Reads the pointer as a struct (the default struct when null).</summary>
    public StructReader GetStruct() =>
        _message is null ? default : _message.ReadStruct(_segment, _pointerOffset, _nestingLimit);

    /// <summary>Reads the pointer as a struct of generated type <typeparamref name="T"/>.</summary>
    public T GetStruct<T>()
        where T : struct, IStructReader<T> => T.Create(GetStruct());

    /// <summary>Reads the pointer as a list of elements of the <paramref name="expected"/> size.</summary>
    public ListReader GetList(ElementSize expected) =>
        _message is null ? default : _message.ReadList(_segment, _pointerOffset, expected, _nestingLimit);

    /// <summary>Reads the pointer as Text, in place (empty when null).</summary>
    public Text GetText() =>
        _message is null ? default : new Text(_message.ReadBlob(_segment, _pointerOffset, text: true, out _));

    /// <summary>Reads the pointer as Data, in place (empty when null).</summary>
    public ReadOnlyMemory<byte> GetData() =>
        _message is null ? default : _message.ReadBlob(_segment, _pointerOffset, text: false, out _);

    /// <summary>Reads the pointer as a capability from the message's capability table: a new reference
    /// (<see cref="IClientHook.AddRef"/>) the caller disposes; null when the pointer is null.</summary>
    public IClientHook? GetCapability() =>
        _message?.ReadCapability(_segment, _pointerOffset)?.AddRef();

    /// <summary>The capability table's own entry for this pointer, without a new reference (valid while the
    /// message is).</summary>
    internal IClientHook? GetCapabilityEntry() =>
        _message?.ReadCapability(_segment, _pointerOffset);
}
