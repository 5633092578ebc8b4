# Annotations read by capnpc-csharp, the C# code generator of this repository.

@0xd8caae3561454e0c;

annotation namespace(file): Text;
# The C# namespace of the code generated for a file, e.g. $CSharp.namespace("Multiprocess.Capnp").
# Without it the C++ namespace (capnp::annotations style) is used, each part in PascalCase.

annotation name(field, enumerant, struct, enum, interface, method, group, const): Text;
# A different C# name for a declaration (in PascalCase, as it will appear).

annotation internal(file): Void;
# Declares the file's top-level C# types `internal` instead of `public` (protocol types private to an assembly).
