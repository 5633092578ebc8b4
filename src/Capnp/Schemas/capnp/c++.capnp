# Our declaration of the C++ code generator's annotations. Schemas shared with C++ peers (Bitcoin Core,
# libmultiprocess) import "/capnp/c++.capnp"; this file keeps that file's id and annotation names so the ids of
# everything declared beside them stay the same. capnpc-csharp ignores these annotations.

@0xbdf87d7bb8304e81;
$namespace("capnp::annotations");

annotation namespace(file): Text;
# The C++ namespace of the code generated for a file.

annotation name(field, enumerant, struct, enum, interface, method, param, group, union): Text;
# A different C++ name for a declaration.
