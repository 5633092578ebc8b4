using System.Collections.Concurrent;

namespace Capnp.Rpc;

/// <summary>
/// The names of every interface method the process knows, registered by generated code when its assembly loads, so
/// that a connection can name each call it sends or receives in logs ("Init.construct$Params") from nothing but the
/// interface id and method ordinal on the wire.
/// </summary>
public static class RpcSchemaRegistry
{
    private static readonly ConcurrentDictionary<ulong, RpcMethodSchema[]> Interfaces = new();
    private static readonly ConcurrentDictionary<ulong, (ulong Params, ulong Results)[]> StructIds = new();

    /// <summary>Registers an interface: method names and parameter and result struct names, by ordinal.</summary>
    public static void Register(ulong interfaceId, string interfaceName, string[] methods, string[] paramsStructs,
        string[] resultsStructs) =>
        Register(interfaceId, interfaceName, methods, paramsStructs, resultsStructs, null, null);

    /// <summary>Registers an interface: method names, parameter and result struct names, and those structs' type ids
    /// (which <see cref="SchemaRegistry"/> describes), by ordinal.</summary>
    public static void Register(ulong interfaceId, string interfaceName, string[] methods, string[] paramsStructs,
        string[] resultsStructs, ulong[]? paramsStructIds, ulong[]? resultsStructIds)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(paramsStructs);
        ArgumentNullException.ThrowIfNull(resultsStructs);
        if (paramsStructs.Length != methods.Length || resultsStructs.Length != methods.Length ||
            (paramsStructIds is not null && paramsStructIds.Length != methods.Length) ||
            (resultsStructIds is not null && resultsStructIds.Length != methods.Length))
            throw new ArgumentException("Every method needs a parameter and a result struct name (and id, if ids are given).", nameof(methods));
        var schemas = new RpcMethodSchema[methods.Length];
        var ids = new (ulong Params, ulong Results)[methods.Length];
        for (int i = 0; i < methods.Length; i++)
        {
            schemas[i] = new RpcMethodSchema(interfaceName, methods[i], paramsStructs[i], resultsStructs[i]);
            ids[i] = (paramsStructIds?[i] ?? 0, resultsStructIds?[i] ?? 0);
        }

        Interfaces[interfaceId] = schemas;
        StructIds[interfaceId] = ids;
    }

    /// <summary>The type id of the parameter (or, with <paramref name="results"/>, result) struct of method
    /// <paramref name="methodId"/> of interface <paramref name="interfaceId"/>, when its generated code registered
    /// it; <see cref="SchemaRegistry"/> describes the struct.</summary>
    public static bool TryGetStructId(ulong interfaceId, ushort methodId, bool results, out ulong structId)
    {
        structId = StructIds.TryGetValue(interfaceId, out var ids) && methodId < ids.Length
            ? results ? ids[methodId].Results : ids[methodId].Params
            : 0;
        return structId != 0;
    }

    /// <summary>The names of method <paramref name="methodId"/> of interface <paramref name="interfaceId"/>, if its
    /// generated code has been loaded.</summary>
    public static bool TryGetMethod(ulong interfaceId, ushort methodId, out RpcMethodSchema schema)
    {
        if (Interfaces.TryGetValue(interfaceId, out var methods) && methodId < methods.Length)
        {
            schema = methods[methodId];
            return true;
        }

        schema = default;
        return false;
    }

    /// <summary>The parameter (or result) struct's name of a method, or a placeholder naming the ids when the
    /// interface is not registered: "Init.construct$Params", "0x8838c700ba5cba65.0$Params".</summary>
    public static string StructName(ulong interfaceId, ushort methodId, bool results) =>
        TryGetMethod(interfaceId, methodId, out var schema)
            ? results ? schema.Results : schema.Params
            : $"0x{interfaceId:x16}.{methodId}{(results ? "$Results" : "$Params")}";
}
