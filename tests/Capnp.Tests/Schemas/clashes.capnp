# Schema names that clash with members the generator itself emits, with members of object, or with C# keywords:
# the generated code must still compile (it does, as part of this test project) and keep every field reachable.

@0xc1a5e5c0ffee0001;

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Capnp.Tests.Clashes");

const fileId :Int32 = 1;
const registerSchemas :Int32 = 2;
const equals :Int32 = 3;

struct Members {
  size @0 :UInt32;
  finalize @1 :Bool;
  struct @2 :Text;
  typeId @3 :UInt64;
  toString @4 :Text;
  equals @5 :Int8;
  getHashCode @6 :Int16;
  getType @7 :Int32;
  memberwiseClone @8 :Int64;
  create @9 :Float32;
  schemaName @10 :Text;
  asReader @11 :Bool;
  referenceEquals @12 :Bool;
  s @13 :Int32;
  value @14 :Int32;
  default @15 :Int32;
  union {
    whichCase @16 :Void;
    builder @17 :Text;
    pipeline @18 :Int32;
  }
  members @19 :Int32;
  keyword @20 :Int32 $CSharp.name("int");
  event @21 :Text $CSharp.name("event");
}

struct Renamed {
  # Members whose C# names are keywords.
  object @0 :Int32 $CSharp.name("object");
  union {
    none @1 :Void;
    lock @2 :Text $CSharp.name("lock");
  }
}

enum Kinds {
  plain @0;
  static @1 $CSharp.name("static");
}

enum Words {
  equals @0;
  toString @1;
  getHashCode @2;
  class @3;
  hasFlag @4;
  compareTo @5;
  getTypeCode @6;
}

interface Calls {
  dispose @0 () -> ();
  addRef @1 () -> ();
  hook @2 () -> ();
  isNull @3 () -> ();
  dispatchAsync @4 () -> ();
  equals @5 () -> ();
  toString @6 (toString :Text, context :Int32, cancellationToken :Int32) -> (result :Text);
  getHashCode @7 () -> ();
  unimplemented @8 () -> ();
  methods @9 () -> ();
  fromServer @10 () -> ();
  switch @11 () -> () $CSharp.name("switch");
}
