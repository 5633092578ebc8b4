namespace Capnp;

/// <summary>One field of a struct or group, as a schema declares it: where a slot lies and what it holds, or which
/// group it is, and its union discriminant when it is a union member.</summary>
public sealed class FieldSchema
{
    /// <summary>The discriminant of a field that is not a union member.</summary>
    public const ushort NoDiscriminant = 0xffff;

    private FieldSchema(string name, ushort discriminantValue, uint offset, TypeSchema type, ulong defaultBits, ulong groupId)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        DiscriminantValue = discriminantValue;
        Offset = offset;
        Type = type;
        DefaultBits = defaultBits;
        GroupId = groupId;
    }

    /// <summary>The field's name in the schema ("callbackThread").</summary>
    public string Name { get; }

    /// <summary>The union discriminant value that selects this field, or <see cref="NoDiscriminant"/>.</summary>
    public ushort DiscriminantValue { get; }

    /// <summary>True when the field is a member of its scope's union.</summary>
    public bool IsUnionMember => DiscriminantValue != NoDiscriminant;

    /// <summary>True for a group (its fields are those of the struct <see cref="GroupId"/>, read in place).</summary>
    public bool IsGroup => GroupId != 0;

    /// <summary>The type id of the group's struct node; 0 for a slot.</summary>
    public ulong GroupId { get; }

    /// <summary>A slot's offset: in units of its type's size in the data section, or a pointer index.</summary>
    public uint Offset { get; }

    /// <summary>A slot's type (a struct type naming the group for a group).</summary>
    public TypeSchema Type { get; }

    /// <summary>A primitive slot's default as the bit pattern the wire value is XORed with (0 for other kinds).</summary>
    public ulong DefaultBits { get; }

    /// <summary>A slot field.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="offset">Its offset in units of its type's size (pointer index for pointer types).</param>
    /// <param name="type">Its type.</param>
    /// <param name="defaultBits">A primitive's default value as bits (a Float64's IEEE bits, true as 1).</param>
    /// <param name="discriminantValue">Its union discriminant, or <see cref="NoDiscriminant"/>.</param>
    public static FieldSchema Slot(string name, uint offset, TypeSchema type, ulong defaultBits = 0,
        ushort discriminantValue = NoDiscriminant) =>
        new(name, discriminantValue, offset, type, defaultBits, 0);

    /// <summary>A group field.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="groupId">The type id of the group's struct node.</param>
    /// <param name="discriminantValue">Its union discriminant, or <see cref="NoDiscriminant"/>.</param>
    public static FieldSchema Group(string name, ulong groupId, ushort discriminantValue = NoDiscriminant)
    {
        if (groupId == 0)
            throw new ArgumentOutOfRangeException(nameof(groupId), "A group needs its struct node's id.");
        return new(name, discriminantValue, 0, TypeSchema.Struct(groupId), 0, groupId);
    }
}
