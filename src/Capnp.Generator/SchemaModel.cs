using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>
/// The request's nodes indexed by id, with the C# name chosen for every type (nested types, groups, implicit method
/// parameter and result structs) and for every member, so that generated code can refer to any type from any file.
/// </summary>
internal sealed class SchemaModel
{
    /// <summary>Id of csharp.capnp's <c>namespace</c> annotation.</summary>
    public const ulong CSharpNamespaceAnnotation = 0xe947b66ac3cfce2c;

    /// <summary>Id of csharp.capnp's <c>name</c> annotation.</summary>
    public const ulong CSharpNameAnnotation = 0xe3a1898566600dbe;

    /// <summary>Id of csharp.capnp's <c>internal</c> annotation.</summary>
    public const ulong CSharpInternalAnnotation = 0xeee90c6f0fa094c6;

    /// <summary>Id of c++.capnp's <c>namespace</c> annotation.</summary>
    public const ulong CxxNamespaceAnnotation = 0xb9c6f99ebf805f2c;

    private static readonly string[] StructReserved =
    [
        "Struct", "Create", "TypeId", "SchemaName", "Builder", "Pipeline", "WhichCase", "Which", "Size", "AsReader", "Equals",
        "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    ];

    private static readonly string[] InterfaceReserved =
    [
        "InterfaceId", "SchemaName", "Methods", "Client", "IServer", "Server", "DispatchAsync", "Equals", "GetHashCode", "ToString",
        "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];

    private readonly Dictionary<ulong, Node> _nodes = [];
    private readonly Dictionary<ulong, TypeInfo> _types = [];
    private readonly Dictionary<ulong, SourceInfo> _docs = [];

    public SchemaModel(CodeGeneratorRequest request)
    {
        foreach (var node in request.Nodes)
            _nodes[node.Id] = node;
        foreach (var info in request.SourceInfo)
            _docs[info.Id] = info;
        foreach (var node in _nodes.Values.Where(n => n.Kind == NodeKind.File).OrderBy(n => n.Id))
            NameFile(node);
    }

    public Node Node(ulong id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new InvalidOperationException($"The request lacks node 0x{id:x16}.");

    public TypeInfo Type(ulong id) =>
        _types.TryGetValue(id, out var type) ? type : throw new InvalidOperationException($"No C# name for node 0x{id:x16}.");

    public bool TryGetType(ulong id, out TypeInfo type) => _types.TryGetValue(id, out type!);

    public string? Doc(ulong id) => _docs.TryGetValue(id, out var info) ? NullIfEmpty(info.DocComment) : null;

    /// <summary>The doc comment of member <paramref name="index"/> of node <paramref name="id"/>: the index in the
    /// node's field, enumerant or method list (ordinal order, not code order), as the compiler lists member docs.</summary>
    public string? MemberDoc(ulong id, int index)
    {
        if (!_docs.TryGetValue(id, out var info))
            return null;
        var members = info.MemberDocComments;
        return index < members.Count ? NullIfEmpty(members[index]) : null;
    }

    /// <summary>The text of an annotation with <paramref name="id"/>, if applied.</summary>
    public static string? AnnotationText(StructListReader<Annotation> annotations, ulong id)
    {
        foreach (var annotation in annotations)
        {
            if (annotation.Id == id)
                return annotation.Value.Text;
        }

        return null;
    }

    /// <summary>True when an annotation with <paramref name="id"/> is applied.</summary>
    public static bool HasAnnotation(StructListReader<Annotation> annotations, ulong id)
    {
        foreach (var annotation in annotations)
        {
            if (annotation.Id == id)
                return true;
        }

        return false;
    }

    /// <summary>The node's name as the schema compiler displays it, without the file: "Init.construct$Params".</summary>
    public static string SchemaName(Node node)
    {
        var name = node.DisplayName;
        return name[(name.IndexOf(':') + 1)..];
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private void NameFile(Node file)
    {
        var ns = AnnotationText(file.Annotations, CSharpNamespaceAnnotation);
        if (string.IsNullOrEmpty(ns))
        {
            var cxx = AnnotationText(file.Annotations, CxxNamespaceAnnotation);
            ns = !string.IsNullOrEmpty(cxx) ? Naming.NamespaceFromCxx(cxx) : Naming.Pascal(FileStem(file.DisplayName));
        }

        var scope = new HashSet<string>(StringComparer.Ordinal);
        var schemaClass = Naming.Unique(Naming.Pascal(FileStem(file.DisplayName)) + "Schema", scope);
        var info = new TypeInfo(file, schemaClass, "global::" + ns + "." + schemaClass, null, ns, scope);
        _types[file.Id] = info;
        foreach (var nested in file.NestedNodes)
            NameNode(nested.Id, nested.Name, parent: null, ns, scope, info);
    }

    private void NameNode(ulong id, string schemaName, TypeInfo? parent, string ns, HashSet<string> scope, TypeInfo file)
    {
        if (!_nodes.TryGetValue(id, out var node))
            return;
        if (node.Kind is NodeKind.Annotation or NodeKind.File)
            return;

        var desired = AnnotationText(node.Annotations, CSharpNameAnnotation) ?? Naming.Pascal(schemaName);
        var name = Naming.Unique(desired, scope);
        if (node.Kind == NodeKind.Const)
        {
            _types[id] = new TypeInfo(node, name, (parent?.FullName ?? file.FullName) + "." + name, parent ?? file, ns, []);
            return;
        }

        var full = parent is null ? "global::" + ns + "." + name : parent.FullName + "." + name;
        var memberScope = new HashSet<string>(node.Kind == NodeKind.Interface ? InterfaceReserved : StructReserved,
            StringComparer.Ordinal) { name };
        var info = new TypeInfo(node, name, full, parent, ns, memberScope);
        _types[id] = info;
        NameChildren(info, file);
    }

    private void NameChildren(TypeInfo info, TypeInfo file)
    {
        var node = info.Node;
        foreach (var nested in node.NestedNodes)
            NameNode(nested.Id, nested.Name, info, info.Namespace, info.Scope, file);

        if (node.Kind == NodeKind.Struct)
        {
            foreach (var field in node.Fields.OrderBy(f => f.CodeOrder))
            {
                if (!field.IsGroup)
                    continue;
                var desired = (AnnotationText(field.Annotations, CSharpNameAnnotation) ?? Naming.Pascal(field.Name)) + "Group";
                NameType(field.GroupTypeId, desired, info, file);
            }

            NameFields(info);
        }
        else if (node.Kind == NodeKind.Interface)
        {
            NameMethods(info, file);
        }
        else if (node.Kind == NodeKind.Enum)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal) { "value__" };
            foreach (var enumerant in node.Enumerants)
            {
                var desired = AnnotationText(enumerant.Annotations, CSharpNameAnnotation) ?? Naming.Pascal(enumerant.Name);
                info.EnumerantNames.Add(Naming.Unique(desired, taken));
            }
        }
    }

    private void NameType(ulong id, string desired, TypeInfo parent, TypeInfo file)
    {
        var node = Node(id);
        var name = Naming.Unique(desired, parent.Scope);
        var memberScope = new HashSet<string>(StructReserved, StringComparer.Ordinal) { name };
        var info = new TypeInfo(node, name, parent.FullName + "." + name, parent, parent.Namespace, memberScope);
        _types[id] = info;
        NameChildren(info, file);
    }

    private void NameFields(TypeInfo info)
    {
        var fields = info.Node.Fields.Select((field, index) => (field, index)).OrderBy(f => f.field.CodeOrder).ToList();
        var unionTaken = new HashSet<string>(StringComparer.Ordinal) { "value__" };
        foreach (var (field, index) in fields)
        {
            var desired = AnnotationText(field.Annotations, CSharpNameAnnotation) ?? Naming.Pascal(field.Name);
            var fi = new FieldInfo(field, index, Naming.Unique(desired, info.Scope));
            if (field.DiscriminantValue != Schema.Field.NoDiscriminant)
                fi.CaseName = Naming.Unique(desired, unionTaken);
            info.Fields.Add(fi);
        }

        // Derived member names come after every field has its own name, so fields win any clash.
        foreach (var fi in info.Fields)
        {
            fi.HasName = Naming.Unique("Has" + fi.Name, info.Scope);
            fi.InitName = Naming.Unique("Init" + fi.Name, info.Scope);
            fi.SetName = Naming.Unique("Set" + fi.Name, info.Scope);
            fi.DefaultName = Naming.Unique("s_default" + fi.Name, info.Scope);
        }
    }

    private void NameMethods(TypeInfo info, TypeInfo file)
    {
        var methods = info.Node.Methods.ToList();
        var constTaken = new HashSet<string>(StringComparer.Ordinal) { "Methods" };
        var clientTaken = new HashSet<string>(StringComparer.Ordinal) { "Client", "Hook", "Create", "InterfaceId", "IsNull", "AddRef", "Dispose", "FromServer" };
        var serverTaken = new HashSet<string>(StringComparer.Ordinal) { "Server", "IServer", "DispatchAsync", "Unimplemented" };
        for (int ordinal = 0; ordinal < methods.Count; ordinal++)
        {
            var method = methods[ordinal];
            var desired = AnnotationText(method.Annotations, CSharpNameAnnotation) ?? Naming.Pascal(method.Name);
            var mi = new MethodInfo(method, (ushort)ordinal)
            {
                ConstName = Naming.Unique(desired, constTaken),
                RequestName = Naming.Unique(desired + "Request", clientTaken),
                AsyncName = Naming.Unique(desired + "Async", serverTaken),
            };
            info.Methods.Add(mi);

            // Parameter and result structs declared inline (scope 0) are named after the method.
            var param = Node(method.ParamStructType);
            if (param.ScopeId == 0 && !_types.ContainsKey(param.Id))
                NameType(param.Id, desired + "Params", info, file);
            var result = Node(method.ResultStructType);
            if (result.ScopeId == 0 && !_types.ContainsKey(result.Id))
                NameType(result.Id, desired + "Results", info, file);
        }
    }

    private static string FileStem(string displayName)
    {
        var name = displayName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.EndsWith(".capnp", StringComparison.Ordinal) ? name[..^".capnp".Length] : name;
    }
}
