namespace Capnp;

/// <summary>What a pointer refers to, after following far pointers.</summary>
public enum PointerKind
{
    /// <summary>A null pointer.</summary>
    Null,

    /// <summary>A struct.</summary>
    Struct,

    /// <summary>A list (including Text and Data).</summary>
    List,

    /// <summary>A capability: an index into the message's capability table.</summary>
    Capability,
}
