namespace Capnp;

/// <summary>The element size code of a list pointer (the 3-bit C field of the encoding).</summary>
public enum ElementSize : byte
{
    /// <summary>Void elements: no data.</summary>
    Empty = 0,

    /// <summary>One bit per element (List(Bool)).</summary>
    Bit = 1,

    /// <summary>One byte per element.</summary>
    Byte = 2,

    /// <summary>Two bytes per element.</summary>
    TwoBytes = 3,

    /// <summary>Four bytes per element.</summary>
    FourBytes = 4,

    /// <summary>Eight bytes per element.</summary>
    EightBytes = 5,

    /// <summary>One pointer per element.</summary>
    Pointer = 6,

    /// <summary>Structs preceded by a tag word (composite list).</summary>
    InlineComposite = 7,
}
