using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>Structs and groups: reader, builder and pipeline.</summary>
internal sealed partial class Emitter
{
    private const string TextSummary = "The value in Cap'n Proto's text format, as the C++ library prints it.";

    private void EmitStruct(TypeInfo info)
    {
        var node = info.Node;
        bool isGroup = node.IsGroup;
        var doc = model.Doc(node.Id);
        _w.Summary(doc ?? DefaultStructDoc(info));
        _w.Open(isGroup
            ? $"public readonly partial struct {info.Name}"
            : $"public readonly partial struct {info.Name} : {Rt}IStructReader<{info.Name}>");

        _w.Line($"private readonly {Rt}StructReader _s;");
        _w.Blank();
        _w.Summary("Wraps an untyped struct reader.");
        _w.Line($"public {info.Name}({Rt}StructReader reader) => _s = reader;");
        _w.Blank();
        _w.Summary("The type id from the schema.");
        _w.Line($"public static ulong TypeId => {Naming.Hex(node.Id)};");
        _w.Blank();
        _w.Summary("The name the schema compiler gives the type (without the file), as logs show it.");
        _w.Line($"public const string SchemaName = {Naming.StringLiteral(SchemaModel.SchemaName(node))};");
        _w.Blank();
        _w.Summary("The untyped struct underneath.");
        _w.Line($"public {Rt}StructReader Struct => _s;");
        if (!isGroup)
        {
            _w.Blank();
            _w.Summary("Wraps an untyped struct reader.");
            _w.Line($"public static {info.Name} Create({Rt}StructReader reader) => new(reader);");
        }

        _w.Blank();
        _w.Summary(TextSummary);
        _w.Line("public override string ToString() => global::Capnp.CapnpText.Format(_s, TypeId);");
        if (node.DiscriminantCount > 0)
        {
            _w.Blank();
            _w.Summary("Which member of the union is set.");
            _w.Line($"public WhichCase Which => (WhichCase)_s.ReadUInt16({node.DiscriminantOffset});");
        }

        foreach (var field in info.Fields)
            EmitReaderField(info, field);

        if (node.DiscriminantCount > 0)
            EmitWhichCase(info);
        foreach (var field in info.Fields.Where(f => f.Field.IsGroup))
        {
            _w.Blank();
            EmitStruct(model.Type(field.Field.GroupTypeId));
        }

        EmitNested(info);
        EmitDefaults(info);
        EmitBuilder(info);
        EmitPipeline(info);
        _w.Close();
    }

    private static string? DefaultStructDoc(TypeInfo info)
    {
        var node = info.Node;
        if (node.IsGroup)
            return $"The group {info.Name}, read in place over its parent's sections.";
        if (node.ScopeId != 0)
            return null;

        // Implicit parameter and result structs are named "file:Interface.method$Params" by the compiler.
        var full = node.DisplayName[(node.DisplayName.IndexOf(':') + 1)..];
        int dollar = full.LastIndexOf('$');
        if (dollar < 0)
            return null;
        var what = full[(dollar + 1)..] == "Params" ? "parameters" : "results";
        return $"The {what} of {full[..dollar]}.";
    }

    private void EmitWhichCase(TypeInfo info)
    {
        _w.Blank();
        _w.Summary("The members of the union, by discriminant value.");
        _w.Open("public enum WhichCase : ushort");
        foreach (var field in info.Fields.Where(f => f.CaseName is not null).OrderBy(f => f.Field.DiscriminantValue))
            _w.Line($"{field.CaseName} = {field.Field.DiscriminantValue},");
        _w.Close();
    }

    private void EmitReaderField(TypeInfo owner, FieldInfo f)
    {
        var field = f.Field;
        var doc = model.MemberDoc(owner.Node.Id, f.Index);
        if (field.IsGroup)
        {
            _w.Blank();
            _w.Summary(doc);
            _w.Line($"public {model.Type(field.GroupTypeId).FullName} {f.Name} => new(_s);");
            return;
        }

        var type = field.Type;
        var kind = type.Kind;
        uint offset = field.Offset;
        if (kind == TypeKind.Void)
            return;

        _w.Blank();
        _w.Summary(doc);
        var reader = _types.Reader(type);
        if (!TypeMapper.IsPointer(kind))
        {
            var def = DefaultArgument(field);
            _w.Line(kind == TypeKind.Enum
                ? $"public {reader} {f.Name} => ({reader})_s.ReadUInt16({offset}{def});"
                : $"public {reader} {f.Name} => _s.Read{TypeMapper.AccessorSuffix(kind)}({offset}{def});");
            return;
        }

        var defaultName = HasPointerDefault(field) ? ", " + f.DefaultName : "";
        switch (kind)
        {
            case TypeKind.Text:
                _w.Line($"public {reader} {f.Name} => _s.ReadText({offset}{defaultName});");
                break;
            case TypeKind.Data:
                _w.Line($"public {reader} {f.Name} => _s.ReadData({offset}{defaultName});");
                break;
            case TypeKind.Struct:
                _w.Line($"public {reader} {f.Name} => new(_s.ReadStruct({offset}{defaultName}));");
                break;
            case TypeKind.List:
                _w.Line($"public {reader} {f.Name} => new(_s.ReadList({offset}, {TypeMapper.ElementSizeOf(type.ElementType)}{defaultName}));");
                break;
            case TypeKind.Interface:
                _w.Line($"public {reader} {f.Name} => new(_s.ReadCapability({offset}));");
                break;
            case TypeKind.AnyPointer:
                _w.Line($"public {reader} {f.Name} => _s.GetPointer({offset});");
                break;
        }

        _w.Blank();
        _w.Summary($"True when {f.Name} is set (its pointer is not null).");
        _w.Line($"public bool {f.HasName} => _s.HasPointer({offset});");
    }

    private static string DefaultArgument(Field field) =>
        Literals.IsZero(field.DefaultValue, field.Type.Kind)
            ? ""
            : ", " + Literals.Primitive(field.DefaultValue, field.Type.Kind);

    private static bool HasPointerDefault(Field field) =>
        !field.IsGroup && field.Type.Kind is TypeKind.Text or TypeKind.Data or TypeKind.Struct or TypeKind.List &&
        !field.DefaultValue.IsNull && !field.DefaultValue.Pointer.IsNull;

    private void EmitDefaults(TypeInfo info)
    {
        foreach (var f in info.Fields.Where(f => HasPointerDefault(f.Field)))
        {
            var field = f.Field;
            var value = field.DefaultValue;
            _w.Blank();
            switch (field.Type.Kind)
            {
                case TypeKind.Text:
                    EmitBytes($"private static readonly {Rt}Text {f.DefaultName} = new(", value.Text.Span, ");");
                    break;
                case TypeKind.Data:
                    EmitBytes($"private static readonly global::System.ReadOnlyMemory<byte> {f.DefaultName} = ", value.Data.Span, ";");
                    break;
                case TypeKind.Struct:
                    EmitBytes($"private static readonly {Rt}StructReader {f.DefaultName} = {Rt}MessageReader.ForTrustedSegment(",
                        Literals.EncodePointer(value.Pointer), ").Root.GetStruct();");
                    break;
                case TypeKind.List:
                    EmitBytes($"private static readonly {Rt}ListReader {f.DefaultName} = {Rt}MessageReader.ForTrustedSegment(",
                        Literals.EncodePointer(value.Pointer), $").Root.GetList({TypeMapper.ElementSizeOf(field.Type.ElementType)});");
                    break;
            }
        }
    }

    private void EmitBuilder(TypeInfo info)
    {
        var node = info.Node;
        bool isGroup = node.IsGroup;
        _w.Blank();
        _w.Summary($"Builds a {info.Name} in a message.");
        _w.Open(isGroup ? "public readonly struct Builder" : $"public readonly struct Builder : {Rt}IStructBuilder<Builder>");
        _w.Line($"private readonly {Rt}StructBuilder _s;");
        _w.Blank();
        _w.Summary("Wraps an untyped struct builder.");
        _w.Line($"public Builder({Rt}StructBuilder builder) => _s = builder;");
        if (!isGroup)
        {
            _w.Blank();
            _w.Summary("The section sizes the schema compiler gave the struct.");
            _w.Line($"public static {Rt}StructSize Size => new({node.DataWordCount}, {node.PointerCount});");
            _w.Blank();
            _w.Summary("Wraps an untyped struct builder.");
            _w.Line($"public static Builder Create({Rt}StructBuilder builder) => new(builder);");
        }

        _w.Blank();
        _w.Summary("The untyped struct underneath.");
        _w.Line($"public {Rt}StructBuilder Struct => _s;");
        _w.Blank();
        _w.Summary("Reads back what has been built, in place.");
        _w.Line($"public {info.FullName} AsReader() => new(_s.AsReader());");
        _w.Blank();
        _w.Summary(TextSummary);
        _w.Line($"public override string ToString() => global::Capnp.CapnpText.Format(_s.AsReader(), {info.FullName}.TypeId);");
        if (node.DiscriminantCount > 0)
        {
            _w.Blank();
            _w.Summary("Which member of the union is set.");
            _w.Line($"public WhichCase Which => (WhichCase)_s.ReadUInt16({node.DiscriminantOffset});");
        }

        foreach (var field in info.Fields)
            EmitBuilderField(info, field);
        _w.Close();
    }

    private void EmitBuilderField(TypeInfo owner, FieldInfo f)
    {
        var field = f.Field;
        var doc = model.MemberDoc(owner.Node.Id, f.Index);
        string? disc = field.DiscriminantValue != Field.NoDiscriminant
            ? $"_s.WriteUInt16({owner.Node.DiscriminantOffset}, {field.DiscriminantValue});"
            : null;
        _w.Blank();
        if (field.IsGroup)
        {
            var group = model.Type(field.GroupTypeId);
            _w.Summary(doc);
            _w.Line($"public {group.FullName}.Builder {f.Name} => new(_s);");
            if (disc is not null)
            {
                _w.Blank();
                _w.Summary($"Makes {f.Name} the union's member, with every field of it cleared.");
                _w.Open($"public {group.FullName}.Builder {f.InitName}()");
                _w.Line(disc);
                EmitClearGroup(group);
                _w.Line("return new(_s);");
                _w.Close();
            }

            return;
        }

        var type = field.Type;
        var kind = type.Kind;
        uint offset = field.Offset;
        if (kind == TypeKind.Void)
        {
            if (disc is not null)
            {
                _w.Summary(doc ?? $"Makes {f.Name} the union's member.");
                _w.Line($"public void {f.SetName}() => {disc}");
            }

            return;
        }

        _w.Summary(doc);
        if (!TypeMapper.IsPointer(kind))
        {
            var def = DefaultArgument(field);
            var csType = _types.Reader(type);
            var suffix = TypeMapper.AccessorSuffix(kind);
            _w.Open($"public {csType} {f.Name}");
            if (kind == TypeKind.Enum)
            {
                _w.Line($"get => ({csType})_s.ReadUInt16({offset}{def});");
                EmitSetter(disc, $"_s.WriteUInt16({offset}, (ushort)value{def});");
            }
            else
            {
                _w.Line($"get => _s.Read{suffix}({offset}{def});");
                EmitSetter(disc, $"_s.Write{suffix}({offset}, value{def});");
            }

            _w.Close();
            return;
        }

        var slot = $"_s.GetPointer({offset})";
        var readerType = _types.Reader(type);
        var builderType = _types.Builder(type);
        bool hasDefault = HasPointerDefault(field);
        var ownerDefault = $"{owner.FullName}.{f.DefaultName}";
        switch (kind)
        {
            case TypeKind.Text:
                _w.Line($"public {readerType} {f.Name} => _s.HasPointer({offset}) ? {slot}.GetText() : {(hasDefault ? ownerDefault : "default")};");
                EmitMethod($"public void {f.SetName}(string? value)", disc, $"{slot}.SetText(value);", $"Sets {f.Name}.");
                EmitMethod($"public void {f.SetName}(global::System.ReadOnlySpan<byte> utf8)", disc, $"{slot}.SetText(utf8);",
                    $"Sets {f.Name} from UTF-8 bytes.");
                EmitMethod($"public global::System.Span<byte> {f.InitName}(int byteCount)", disc, $"return {slot}.InitText(byteCount);",
                    $"Sets {f.Name} to zeroed text of byteCount UTF-8 bytes and returns them to fill in place.");
                break;
            case TypeKind.Data:
                _w.Line($"public {readerType} {f.Name} => _s.HasPointer({offset}) ? {slot}.GetData() : {(hasDefault ? ownerDefault : "default")};");
                EmitMethod($"public void {f.SetName}(global::System.ReadOnlySpan<byte> value)", disc, $"{slot}.SetData(value);",
                    $"Sets {f.Name} to a copy of value.");
                EmitMethod($"public global::System.Span<byte> {f.InitName}(int length)", disc, $"return {slot}.InitData(length);",
                    $"Sets {f.Name} to zeroed bytes and returns them to fill in place.");
                break;
            case TypeKind.Struct:
                _w.Line($"public {builderType} {f.Name} => new({slot}.GetStruct({builderType}.Size{(hasDefault ? ", " + ownerDefault : "")}));");
                EmitMethod($"public {builderType} {f.InitName}()", disc, $"return new({slot}.InitStruct({builderType}.Size));",
                    $"Sets {f.Name} to a new zeroed struct.");
                EmitMethod($"public void {f.SetName}({readerType} value)", disc, $"{slot}.SetStruct(value.Struct);",
                    $"Sets {f.Name} to a deep copy of value (from any message).");
                break;
            case TypeKind.List:
                if (hasDefault)
                {
                    _w.Open($"public {builderType} {f.Name}");
                    _w.Open("get");
                    _w.Line($"var slot = {slot};");
                    _w.Line("if (slot.IsNull)");
                    _w.Line($"    slot.SetList({ownerDefault});");
                    _w.Line($"return {builderType}.Get(slot);");
                    _w.Close();
                    _w.Close();
                }
                else
                {
                    _w.Line($"public {builderType} {f.Name} => {builderType}.Get({slot});");
                }

                EmitMethod($"public {builderType} {f.InitName}(int count)", disc, $"return {builderType}.Init({slot}, count);",
                    $"Sets {f.Name} to a new list of count zeroed elements.");
                EmitMethod($"public void {f.SetName}({readerType} value)", disc, $"{slot}.SetList(value.List);",
                    $"Sets {f.Name} to a deep copy of value (from any message).");
                break;
            case TypeKind.Interface:
                _w.Open($"public {readerType} {f.Name}");
                _w.Line($"get => new({slot}.GetCapability());");
                EmitSetter(disc, $"{slot}.SetCapability(value.Hook);");
                _w.Close();
                break;
            case TypeKind.AnyPointer:
                _w.Line($"public {builderType} {f.Name} => {slot};");
                if (disc is not null)
                {
                    EmitMethod($"public {builderType} {f.InitName}()", disc, $"var slot = {slot};\nslot.Clear();\nreturn slot;",
                        $"Makes {f.Name} the union's member, cleared.");
                }

                break;
        }

        _w.Blank();
        _w.Summary($"True when {f.Name} is set (its pointer is not null).");
        _w.Line($"public bool {f.HasName} => _s.HasPointer({offset});");
    }

    private void EmitSetter(string? disc, string statement)
    {
        if (disc is null)
        {
            _w.Line($"set => {statement}");
            return;
        }

        _w.Open("set");
        _w.Line(disc);
        _w.Line(statement);
        _w.Close();
    }

    private void EmitMethod(string signature, string? disc, string body, string summary)
    {
        _w.Blank();
        _w.Summary(summary);
        var lines = body.Split('\n');
        if (disc is null && lines.Length == 1)
        {
            var expression = lines[0].StartsWith("return ", StringComparison.Ordinal) ? lines[0]["return ".Length..] : lines[0];
            _w.Line($"{signature} => {expression}");
            return;
        }

        _w.Open(signature);
        if (disc is not null)
            _w.Line(disc);
        foreach (var line in lines)
            _w.Line(line);
        _w.Close();
    }

    private void EmitClearGroup(TypeInfo group)
    {
        var node = group.Node;
        if (node.DiscriminantCount > 0)
            _w.Line($"_s.WriteUInt16({node.DiscriminantOffset}, 0);");
        foreach (var f in group.Fields)
        {
            var field = f.Field;
            if (field.IsGroup)
            {
                EmitClearGroup(model.Type(field.GroupTypeId));
                continue;
            }

            var kind = field.Type.Kind;
            if (kind == TypeKind.Void)
                continue;
            if (TypeMapper.IsPointer(kind))
                _w.Line($"_s.GetPointer({field.Offset}).Clear();");
            else if (kind == TypeKind.Bool)
                _w.Line($"_s.WriteBool({field.Offset}, false);");
            else
                _w.Line($"_s.Write{TypeMapper.AccessorSuffix(kind)}({field.Offset}, 0);");
        }
    }

    private void EmitPipeline(TypeInfo info)
    {
        _w.Blank();
        _w.Summary($"Capabilities inside a {info.Name} that is still on its way (promise pipelining).");
        _w.Open("public readonly struct Pipeline");
        _w.Line($"private readonly {Rt}IPromisedAnswer _answer;");
        _w.Line($"private readonly {Rt}PipelinePath _path;");
        _w.Blank();
        _w.SummaryXml("Follows <paramref name=\"path\"/> from the results of <paramref name=\"answer\"/>.");
        _w.Open($"public Pipeline({Rt}IPromisedAnswer answer, {Rt}PipelinePath path = default)");
        _w.Line("_answer = answer;");
        _w.Line("_path = path;");
        _w.Close();
        foreach (var f in info.Fields)
        {
            var field = f.Field;
            if (field.IsGroup)
            {
                _w.Blank();
                _w.Line($"public {model.Type(field.GroupTypeId).FullName}.Pipeline {f.Name} => new(_answer, _path);");
            }
            else if (field.Type.Kind == TypeKind.Struct)
            {
                _w.Blank();
                _w.Line($"public {model.Type(field.Type.TypeId).FullName}.Pipeline {f.Name} => new(_answer, _path.Append({field.Offset}));");
            }
            else if (field.Type.Kind == TypeKind.Interface)
            {
                _w.Blank();
                _w.Line($"public {_types.Reader(field.Type)} {f.Name} => new(_answer.GetPipelinedCapability(_path.Append({field.Offset})));");
            }
        }

        _w.Close();
    }
}
