using System.Globalization;
using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>
/// The file's module initializer: registers what printing values in Cap'n Proto's text format needs (every struct's,
/// group's and enum's schema, with Capnp's SchemaRegistry) and the names and parameter and result struct ids of every
/// interface's methods (with the RPC layer's registry), so logs can print any value and name any call by id alone.
/// </summary>
internal sealed partial class Emitter
{
    /// <summary>The name of the generated module initializer in each file's schema class.</summary>
    public const string RegisterMethodName = "RegisterSchemas";

    private const string Registry = "global::Capnp.SchemaRegistry.Register";
    private const string Types = "global::Capnp.TypeSchema.";

    private void EmitRegistration(TypeInfo file)
    {
        var types = new List<TypeInfo>();
        foreach (var nested in file.Node.NestedNodes)
        {
            if (model.TryGetType(nested.Id, out var type))
                CollectRegistered(type, types);
        }

        if (types.Count == 0)
            return;
        _w.Blank();
        _w.Summary("Registers the file's struct, group and enum schemas (for text output) and its interfaces' method names (for RPC logs) when the assembly loads.");
        _w.Line("#pragma warning disable CA2255 // Generated code registers its schemas, as a source generator would.");
        _w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        _w.Open($"internal static void {RegisterMethodName}()");

        // Types of imported files compiled into other assemblies register when those load; load them now so that a
        // value holding one prints in full.
        foreach (var dependency in Dependencies(file, types))
            _w.Line($"global::System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof({dependency}).Module.ModuleHandle);");
        foreach (var type in types)
        {
            switch (type.Node.Kind)
            {
                case NodeKind.Struct:
                    EmitStructSchema(type);
                    break;
                case NodeKind.Enum:
                    var names = type.Node.Enumerants.Select(e => Naming.StringLiteral(e.Name));
                    _w.Line($"{Registry}(new global::Capnp.EnumSchema({Naming.Hex(type.Node.Id)}, {SchemaNameLiteral(type)}, [{string.Join(", ", names)}]));");
                    break;
                case NodeKind.Interface:
                    EmitInterfaceMethods(type);
                    break;
            }
        }

        _w.Close();
        _w.Line("#pragma warning restore CA2255");
    }

    private static string SchemaNameLiteral(TypeInfo type) => Naming.StringLiteral(SchemaModel.SchemaName(type.Node));

    // Declaration order: a type, then its groups, nested types and (for an interface) its implicit parameter and
    // result structs.
    private void CollectRegistered(TypeInfo type, List<TypeInfo> types)
    {
        var node = type.Node;
        if (node.Kind is not (NodeKind.Struct or NodeKind.Enum or NodeKind.Interface))
            return;
        types.Add(type);
        if (node.Kind == NodeKind.Struct)
        {
            foreach (var field in node.Fields)
            {
                if (field.IsGroup)
                    CollectRegistered(model.Type(field.GroupTypeId), types);
            }
        }
        else if (node.Kind == NodeKind.Interface)
        {
            foreach (var m in type.Methods)
            {
                foreach (var id in new[] { m.Method.ParamStructType, m.Method.ResultStructType })
                {
                    var implicitType = model.Type(id);
                    if (implicitType.Parent == type && implicitType.Node.ScopeId == 0 && !types.Contains(implicitType))
                        CollectRegistered(implicitType, types);
                }
            }
        }

        foreach (var nested in node.NestedNodes)
        {
            if (model.TryGetType(nested.Id, out var child))
                CollectRegistered(child, types);
        }
    }

    private void EmitStructSchema(TypeInfo type)
    {
        var node = type.Node;
        var fields = node.Fields.ToList();
        _w.Line($"{Registry}(new global::Capnp.StructSchema({Naming.Hex(node.Id)}, {SchemaNameLiteral(type)}, {node.DiscriminantOffset},");
        if (fields.Count == 0)
        {
            _w.Line("    []));");
            return;
        }

        _w.Line("[");
        foreach (var field in fields)
            _w.Line("    " + FieldSchemaExpression(field) + ",");
        _w.Line("]));");
    }

    private static string FieldSchemaExpression(Field field)
    {
        var name = Naming.StringLiteral(field.Name);
        var discriminant = field.DiscriminantValue != Field.NoDiscriminant
            ? ", discriminantValue: " + field.DiscriminantValue.ToString(CultureInfo.InvariantCulture)
            : "";
        if (field.IsGroup)
            return $"global::Capnp.FieldSchema.Group({name}, {Naming.Hex(field.GroupTypeId)}{discriminant})";
        var type = field.Type;
        ulong bits = DefaultBits(field.DefaultValue, type.Kind);
        var defaultBits = bits != 0 ? $", defaultBits: 0x{bits.ToString("x", CultureInfo.InvariantCulture)}UL" : "";
        return $"global::Capnp.FieldSchema.Slot({name}, {field.Offset}, {TypeExpression(type)}{defaultBits}{discriminant})";
    }

    private static string TypeExpression(SchemaType type) => type.Kind switch
    {
        TypeKind.List => $"{Types}List({TypeExpression(type.ElementType)})",
        TypeKind.Enum => $"{Types}Enum({Naming.Hex(type.TypeId)})",
        TypeKind.Struct => $"{Types}Struct({Naming.Hex(type.TypeId)}{BrandArguments(type.Brand)})",
        TypeKind.Interface => $"{Types}Interface({Naming.Hex(type.TypeId)})",
        TypeKind.AnyPointer when type.AnyPointerKind == 1 =>
            $"{Types}Parameter({Naming.Hex(type.ParameterScopeId)}, {type.ParameterIndex})",
        _ => Types + type.Kind,
    };

    // A generic struct's bindings, scope by scope: ", BrandScope.Bind(scope, Text, ...)" or ", BrandScope.Inherit(scope)".
    private static string BrandArguments(Brand brand)
    {
        var scopes = new List<string>();
        foreach (var scope in brand.Scopes)
        {
            if (scope.Inherits)
            {
                scopes.Add($"global::Capnp.BrandScope.Inherit({Naming.Hex(scope.ScopeId)})");
                continue;
            }

            var bindings = scope.Bindings.Select(b => b.IsUnbound ? Types + "AnyPointer" : TypeExpression(b.Type));
            scopes.Add($"global::Capnp.BrandScope.Bind({Naming.Hex(scope.ScopeId)}{string.Concat(bindings.Select(b => ", " + b))})");
        }

        return string.Concat(scopes.Select(s => ", " + s));
    }

    // The bit pattern a primitive field's wire value is XORed with.
    private static ulong DefaultBits(Value value, TypeKind kind)
    {
        if (value.IsNull)
            return 0;
        return kind switch
        {
            TypeKind.Bool => value.Bool ? 1UL : 0,
            TypeKind.Int8 or TypeKind.UInt8 => value.UInt8,
            TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => value.UInt16,
            TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => value.UInt32,
            TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => value.UInt64,
            _ => 0,
        };
    }

    private void EmitInterfaceMethods(TypeInfo type)
    {
        var names = type.Methods.Select(m => Naming.StringLiteral(m.Method.Name));
        var parameters = type.Methods.Select(m => Naming.StringLiteral(SchemaModel.SchemaName(model.Node(m.Method.ParamStructType))));
        var results = type.Methods.Select(m => Naming.StringLiteral(SchemaModel.SchemaName(model.Node(m.Method.ResultStructType))));
        var parameterIds = type.Methods.Select(m => Naming.Hex(m.Method.ParamStructType));
        var resultIds = type.Methods.Select(m => Naming.Hex(m.Method.ResultStructType));
        _w.Line($"{Rt}Rpc.RpcSchemaRegistry.Register({type.FullName}.InterfaceId, {type.FullName}.SchemaName,");
        _w.Line($"    [{string.Join(", ", names)}],");
        _w.Line($"    [{string.Join(", ", parameters)}],");
        _w.Line($"    [{string.Join(", ", results)}],");
        _w.Line($"    [{string.Join(", ", parameterIds)}],");
        _w.Line($"    [{string.Join(", ", resultIds)}]);");
    }

    // One type of each imported file (not generated with this one) that the registered schemas refer to, in file id
    // order.
    private List<string> Dependencies(TypeInfo file, List<TypeInfo> types)
    {
        var referenced = new List<ulong>();
        foreach (var type in types)
        {
            if (type.Node.Kind == NodeKind.Struct)
            {
                foreach (var field in type.Node.Fields)
                {
                    if (!field.IsGroup)
                        AddReferenced(field.Type, referenced);
                }
            }
            else if (type.Node.Kind == NodeKind.Interface)
            {
                foreach (var m in type.Methods)
                {
                    referenced.Add(m.Method.ParamStructType);
                    referenced.Add(m.Method.ResultStructType);
                }
            }
        }

        var byFile = new SortedDictionary<ulong, string>();
        foreach (var id in referenced)
        {
            var owner = model.FileOf(id);
            if (owner is not { } fileId || fileId == file.Node.Id || model.IsRequested(fileId) || byFile.ContainsKey(fileId))
                continue;
            if (model.TryGetType(id, out var type))
                byFile[fileId] = type.FullName;
        }

        return [.. byFile.Values];
    }

    private static void AddReferenced(SchemaType type, List<ulong> referenced)
    {
        switch (type.Kind)
        {
            case TypeKind.List:
                AddReferenced(type.ElementType, referenced);
                break;
            case TypeKind.Struct:
            case TypeKind.Enum:
                referenced.Add(type.TypeId);
                break;
        }
    }
}
