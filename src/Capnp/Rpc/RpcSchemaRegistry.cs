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

    /// <summary>Registers an interface: method names and parameter and result struct names, by ordinal.</summary>
    public static void Register(ulong interfaceId, string interfaceName, string[] methods, string[] paramsStructs,
        string[] resultsStructs)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(paramsStructs);
        ArgumentNullException.ThrowIfNull(resultsStructs);
        if (paramsStructs.Length != methods.Length || resultsStructs.Length != methods.Length)
            throw new ArgumentException("Every method needs a parameter and a result struct name.", nameof(methods));
        var schemas = new RpcMethodSchema[methods.Length];
        for (int i = 0; i < methods.Length; i++)
            schemas[i] = new RpcMethodSchema(interfaceName, methods[i], paramsStructs[i], resultsStructs[i]);
        Interfaces[interfaceId] = schemas;
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
