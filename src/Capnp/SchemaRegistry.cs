using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Capnp;

/// <summary>
/// The struct and enum schemas the process knows, registered by generated code when its assembly loads (as the C++
/// library links each type's schema into the program), so that <see cref="CapnpText"/> can print any value by type
/// id. Registering the same id again replaces the earlier schema.
/// </summary>
public static class SchemaRegistry
{
    private static readonly ConcurrentDictionary<ulong, StructSchema> Structs = new();
    private static readonly ConcurrentDictionary<ulong, EnumSchema> Enums = new();

    // Display name to id; 0 when two registered structs share a name (schemas of different files may), so a lookup
    // by name never picks the wrong one.
    private static readonly ConcurrentDictionary<string, ulong> StructNames = new(StringComparer.Ordinal);

    /// <summary>Registers a struct's (or group's) schema.</summary>
    public static void Register(StructSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Structs[schema.Id] = schema;
        StructNames.AddOrUpdate(schema.Name, schema.Id, (_, id) => id == schema.Id ? id : 0);
    }

    /// <summary>Registers an enum's schema.</summary>
    public static void Register(EnumSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Enums[schema.Id] = schema;
    }

    /// <summary>The schema of the struct or group <paramref name="id"/>, if registered.</summary>
    public static bool TryGetStruct(ulong id, [NotNullWhen(true)] out StructSchema? schema) =>
        Structs.TryGetValue(id, out schema);

    /// <summary>The schema of the enum <paramref name="id"/>, if registered.</summary>
    public static bool TryGetEnum(ulong id, [NotNullWhen(true)] out EnumSchema? schema) =>
        Enums.TryGetValue(id, out schema);

    /// <summary>The schema of the struct the schema compiler displays as <paramref name="name"/>
    /// ("Echo.echo$Params"), when exactly one registered struct has that name.</summary>
    public static bool TryGetStruct(string name, [NotNullWhen(true)] out StructSchema? schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        schema = null;
        return StructNames.TryGetValue(name, out var id) && id != 0 && Structs.TryGetValue(id, out schema);
    }
}
