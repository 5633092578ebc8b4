namespace Capnp;

/// <summary>An enum's schema: its enumerants' names by value.</summary>
public sealed class EnumSchema
{
    /// <summary>Describes an enum.</summary>
    /// <param name="id">Its type id.</param>
    /// <param name="name">Its name as the schema compiler displays it, without the file.</param>
    /// <param name="enumerants">The enumerants' names, by value.</param>
    public EnumSchema(ulong id, string name, string[] enumerants)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(enumerants);
        Id = id;
        Name = name;
        Enumerants = enumerants;
    }

    /// <summary>The type id.</summary>
    public ulong Id { get; }

    /// <summary>The name as the schema compiler displays it, without the file.</summary>
    public string Name { get; }

    /// <summary>The enumerants' names, by value.</summary>
    public IReadOnlyList<string> Enumerants { get; }
}
