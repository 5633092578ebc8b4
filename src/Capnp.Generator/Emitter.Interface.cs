using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>Interfaces: id, method ordinals, parameter and result structs, client and server shapes.</summary>
internal sealed partial class Emitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Token = "global::System.Threading.CancellationToken";

    private void EmitInterface(TypeInfo info)
    {
        var node = info.Node;
        var ancestors = Ancestors(info);
        _w.Summary(model.Doc(node.Id));
        _w.Open($"public static partial class {info.Name}");
        _w.Summary("The interface id sent with every call.");
        _w.Line($"public const ulong InterfaceId = {Naming.Hex(node.Id)};");
        _w.Blank();
        _w.Summary("The name the schema compiler gives the interface (without the file), as logs show it.");
        _w.Line($"public const string SchemaName = {Naming.StringLiteral(SchemaModel.SchemaName(node))};");

        _w.Blank();
        _w.Summary("The method ordinals.");
        _w.Open("public static class Methods");
        foreach (var m in info.Methods)
        {
            _w.Summary(model.MemberDoc(node.Id, m.Ordinal));
            _w.Line($"public const ushort {m.ConstName} = {m.Ordinal};");
        }

        _w.Close();

        // Parameter and result structs declared with the method.
        foreach (var m in info.Methods)
        {
            foreach (var id in new[] { m.Method.ParamStructType, m.Method.ResultStructType })
            {
                var type = model.Type(id);
                if (type.Parent == info && type.Node.ScopeId == 0)
                {
                    _w.Blank();
                    EmitStruct(type);
                }
            }
        }

        EmitNested(info);
        EmitClient(info, ancestors);
        EmitServerInterface(info);
        EmitDispatch(info);
        EmitServerClass(info, ancestors);
        _w.Close();
    }

    private List<TypeInfo> Ancestors(TypeInfo info)
    {
        var result = new List<TypeInfo>();
        var queue = new Queue<TypeInfo>([info]);
        while (queue.Count > 0)
        {
            foreach (var superclass in queue.Dequeue().Node.Superclasses)
            {
                var type = model.Type(superclass.Id);
                if (type != info && !result.Contains(type))
                {
                    result.Add(type);
                    queue.Enqueue(type);
                }
            }
        }

        return result;
    }

    private (string Params, string Results) CallTypes(MethodInfo m) =>
        (model.Type(m.Method.ParamStructType).FullName, model.Type(m.Method.ResultStructType).FullName);

    private void EmitClient(TypeInfo info, List<TypeInfo> ancestors)
    {
        _w.Blank();
        _w.Summary($"A reference to a {info.Name} capability: starts calls through the RPC layer's hook.");
        _w.Open($"public readonly struct Client : {Rt}ICapabilityClient<Client>, global::System.IDisposable");
        _w.Summary("Wraps a capability reference (null for a null capability).");
        _w.Line($"public Client({Rt}IClientHook? hook) => Hook = hook;");
        _w.Blank();
        _w.Summary("The interface id sent with every call.");
        _w.Line($"public static ulong InterfaceId => {info.FullName}.InterfaceId;");
        _w.Blank();
        _w.Summary("The capability underneath (null for a null capability).");
        _w.Line($"public {Rt}IClientHook? Hook {{ get; }}");
        _w.Blank();
        _w.Summary("True for a null capability.");
        _w.Line("public bool IsNull => Hook is null;");
        _w.Blank();
        _w.Summary("Wraps a capability reference.");
        _w.Line($"public static Client Create({Rt}IClientHook? hook) => new(hook);");
        _w.Blank();
        _w.SummaryXml($"A reference to a {info.Name} served in this process by <paramref name=\"server\"/> (one object per server; the server is disposed, if disposable, when its last reference is dropped).");
        _w.Line($"public static Client FromServer(Server server) => new({Rt}Rpc.Capability.FromServer(server));");
        _w.Blank();
        _w.Summary("Another reference to the same capability; each reference is disposed on its own.");
        _w.Line("public Client AddRef() => new(Hook?.AddRef());");
        _w.Blank();
        _w.Summary("Drops this reference (the capability is released when its last reference is dropped).");
        _w.Line("public void Dispose() => Hook?.Dispose();");
        foreach (var ancestor in ancestors)
        {
            _w.Blank();
            _w.Summary($"The same capability seen as its superclass {ancestor.Name}.");
            _w.Line($"public static implicit operator {ancestor.FullName}.Client(Client client) => new(client.Hook);");
        }

        foreach (var m in info.Methods)
        {
            var (p, r) = CallTypes(m);
            _w.Blank();
            _w.Summary(model.MemberDoc(info.Node.Id, m.Ordinal) ?? $"Starts a call to {m.Method.Name}: fill its parameters, then send.");
            _w.Line($"public {Rt}Request<{p}.Builder, {r}> {m.RequestName}() =>");
            _w.Line($"    {Rt}Request<{p}.Builder, {r}>.Create(Hook, {info.FullName}.InterfaceId, {m.Ordinal});");
        }

        _w.Close();
    }

    private void EmitServerInterface(TypeInfo info)
    {
        var superclasses = info.Node.Superclasses.Select(s => model.Type(s.Id).FullName + ".IServer").ToList();
        _w.Blank();
        _w.Summary($"The methods a {info.Name} implementation provides (superclasses' methods included by inheritance).");
        _w.Open("public interface IServer" + (superclasses.Count > 0 ? " : " + string.Join(", ", superclasses) : ""));
        foreach (var m in info.Methods)
        {
            var (p, r) = CallTypes(m);
            _w.Summary(model.MemberDoc(info.Node.Id, m.Ordinal));
            _w.Line($"{ValueTask} {m.AsyncName}({Rt}CallContext<{p}, {r}.Builder> context, {Token} cancellationToken);");
            _w.Blank();
        }

        _w.Close();
    }

    private void EmitDispatch(TypeInfo info)
    {
        _w.Blank();
        _w.SummaryXml($"Runs a call of one of {info.Name}'s own methods on <paramref name=\"server\"/>.");
        _w.Line($"public static {ValueTask} DispatchAsync(IServer server, ushort methodId, {Rt}ICallContextHook context, {Token} cancellationToken) =>");
        _w.Line("    methodId switch");
        _w.Line("    {");
        foreach (var m in info.Methods)
            _w.Line($"        {m.Ordinal} => server.{m.AsyncName}(new(context), cancellationToken),");
        _w.Line($"        _ => {ValueTask}.FromException(new {Rt}UnimplementedMethodException(InterfaceId, methodId)),");
        _w.Line("    };");
    }

    private void EmitServerClass(TypeInfo info, List<TypeInfo> ancestors)
    {
        _w.Blank();
        _w.Summary($"Base class of a {info.Name} implementation: routes calls (to this interface and its superclasses) to the abstract methods.");
        _w.Open($"public abstract class Server : {Rt}CapabilityServer, IServer");
        _w.Summary("Routes a call by interface id and method ordinal.");
        _w.Open($"public override {ValueTask} DispatchAsync(ulong interfaceId, ushort methodId, {Rt}ICallContextHook context, {Token} cancellationToken = default)");
        foreach (var type in new[] { info }.Concat(ancestors))
        {
            _w.Line($"if (interfaceId == {type.FullName}.InterfaceId)");
            _w.Line($"    return {type.FullName}.DispatchAsync(this, methodId, context, cancellationToken);");
        }

        _w.Line("return Unimplemented(interfaceId, methodId);");
        _w.Close();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { info }.Concat(ancestors))
        {
            foreach (var m in type.Methods)
            {
                var (p, r) = CallTypes(m);
                var signature = $"{m.AsyncName}({Rt}CallContext<{p}, {r}.Builder> context, {Token} cancellationToken)";
                if (!seen.Add(signature))
                    continue;
                _w.Blank();
                _w.Summary(model.MemberDoc(type.Node.Id, m.Ordinal) ?? $"{type.Name}.{m.Method.Name}.");
                _w.Line($"public abstract {ValueTask} {signature};");
            }
        }

        _w.Close();
    }
}
