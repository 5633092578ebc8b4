using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>A field's C# names.</summary>
internal sealed class FieldInfo(Field field, int index, string name)
{
    public Field Field { get; } = field;

    /// <summary>The field's position in its node's field list (ordinal order), which indexes its doc comment.</summary>
    public int Index { get; } = index;

    /// <summary>The property name.</summary>
    public string Name { get; } = name;

    /// <summary>The member's name in the union's WhichCase enum (union members only).</summary>
    public string? CaseName { get; set; }

    public string HasName { get; set; } = "";

    public string InitName { get; set; } = "";

    public string SetName { get; set; } = "";

    /// <summary>Name of the static field holding a pointer default value.</summary>
    public string DefaultName { get; set; } = "";
}
