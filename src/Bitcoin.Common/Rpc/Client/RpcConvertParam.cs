namespace Bitcoin.Common.Rpc.Client;

/// <summary>One row of the client conversion table: argument <paramref name="Index"/> / <paramref name="Name"/> of <paramref name="Method"/>.</summary>
public sealed record RpcConvertParam(string Method, int Index, string Name, RpcParamFormat Format);
