namespace Capnp;

/// <summary>What printing a struct (or group) needs from its schema: its fields in ordinal order and its union's
/// discriminant.</summary>
public sealed class StructSchema
{
    /// <summary>Describes a struct or group.</summary>
    /// <param name="id">Its type id.</param>
    /// <param name="name">Its name as the schema compiler displays it, without the file ("Echo.echo$Params").</param>
    /// <param name="discriminantOffset">The offset of its union's discriminant, in 16-bit units.</param>
    /// <param name="fields">Its fields in the order the schema lists them (by ordinal; groups at their first
    /// member's).</param>
    public StructSchema(ulong id, string name, uint discriminantOffset, FieldSchema[] fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fields);
        Id = id;
        Name = name;
        DiscriminantOffset = discriminantOffset;
        Fields = fields;
        HasUnion = fields.Any(f => f.IsUnionMember);
    }

    /// <summary>The type id.</summary>
    public ulong Id { get; }

    /// <summary>The name as the schema compiler displays it, without the file.</summary>
    public string Name { get; }

    /// <summary>The offset of the union's discriminant, in 16-bit units (meaningful when <see cref="HasUnion"/>).</summary>
    public uint DiscriminantOffset { get; }

    /// <summary>True when the struct has an unnamed union.</summary>
    public bool HasUnion { get; }

    /// <summary>The fields, in the schema's order.</summary>
    public IReadOnlyList<FieldSchema> Fields { get; }
}
