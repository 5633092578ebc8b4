namespace Capnp.Rpc;

/// <summary>The schema names of one method, as the schema compiler displays them (for logs).</summary>
/// <param name="Interface">The interface's name without the file: "Init".</param>
/// <param name="Method">The method's name: "construct".</param>
/// <param name="Params">The parameter struct's name: "Init.construct$Params".</param>
/// <param name="Results">The result struct's name: "Init.construct$Results".</param>
public readonly record struct RpcMethodSchema(string Interface, string Method, string Params, string Results);
