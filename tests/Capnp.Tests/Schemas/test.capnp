# The test schema of Capnp.Tests: every feature of the language the runtime and capnpc-csharp support, so that
# round trips and cross-checks with the official tool cover all of them.

@0xf7c39fa43d26f506;

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Capnp.Tests.Schema");

enum Color {
  # A plain enum.
  red @0;
  green @1;
  blue @2;
  yellowGreen @3;
}

struct Inner {
  # A small struct used inside others.
  id @0 :UInt32;
  label @1 :Text;
}

struct TestAllTypes {
  # One field of every type, and one list of every element type.
  voidField @0 :Void;
  boolField @1 :Bool;
  int8Field @2 :Int8;
  int16Field @3 :Int16;
  int32Field @4 :Int32;
  int64Field @5 :Int64;
  uInt8Field @6 :UInt8;
  uInt16Field @7 :UInt16;
  uInt32Field @8 :UInt32;
  uInt64Field @9 :UInt64;
  float32Field @10 :Float32;
  float64Field @11 :Float64;
  textField @12 :Text;
  dataField @13 :Data;
  structField @14 :TestAllTypes;
  enumField @15 :Color;
  innerField @16 :Inner;

  voidList @17 :List(Void);
  boolList @18 :List(Bool);
  int8List @19 :List(Int8);
  int16List @20 :List(Int16);
  int32List @21 :List(Int32);
  int64List @22 :List(Int64);
  uInt8List @23 :List(UInt8);
  uInt16List @24 :List(UInt16);
  uInt32List @25 :List(UInt32);
  uInt64List @26 :List(UInt64);
  float32List @27 :List(Float32);
  float64List @28 :List(Float64);
  textList @29 :List(Text);
  dataList @30 :List(Data);
  structList @31 :List(Inner);
  enumList @32 :List(Color);
  int32ListList @33 :List(List(Int32));
  textListList @34 :List(List(Text));

  anyField @35 :AnyPointer;
  capField @36 :Widget;
  capList @37 :List(Widget);

  const maxCount :UInt32 = 100;
  # A constant declared inside a struct.
}

struct TestDefaults {
  # Non-zero defaults: data fields are stored XOR their default, pointers fall back to theirs.
  boolField @0 :Bool = true;
  int8Field @1 :Int8 = -123;
  int16Field @2 :Int16 = -12345;
  int32Field @3 :Int32 = -12345678;
  int64Field @4 :Int64 = -123456789012345;
  uInt8Field @5 :UInt8 = 234;
  uInt16Field @6 :UInt16 = 45678;
  uInt32Field @7 :UInt32 = 3456789012;
  uInt64Field @8 :UInt64 = 12345678901234567890;
  float32Field @9 :Float32 = 1234.5;
  float64Field @10 :Float64 = -123e45;
  nanField @11 :Float32 = nan;
  infField @12 :Float64 = inf;
  negativeField @13 :Float64 = -0.125;
  textField @14 :Text = "foo";
  dataField @15 :Data = 0x"62 61 72";
  structField @16 :Inner = (id = 7, label = "seven");
  enumField @17 :Color = blue;
  int32List @18 :List(Int32) = [1, 2, 3];
  textList @19 :List(Text) = ["a", "b"];
  structList @20 :List(Inner) = [(id = 1), (id = 2, label = "two")];
  boolList @21 :List(Bool) = [true, false, true];
}

struct TestUnions {
  # An unnamed union, a named union, a group, a union inside a group and a group inside that union.
  union {
    none @0 :Void;
    number @1 :Int32;
    text @2 :Text;
    inner @3 :Inner;
    coords :group {
      x @4 :Float64;
      y @5 :Float64;
    }
  }

  named :union {
    a @6 :UInt16;
    b @7 :Text;
    c @8 :Bool;
  }

  outer :group {
    before @9 :UInt8;
    union {
      left @10 :Int64;
      right :group {
        flag @11 :Bool;
        label @12 :Text;
      }
    }
  }

  after @13 :Int32 = 42;
}

struct Version1 {
  # The older version of a struct: Version2 adds fields after these.
  a @0 :Int64;
  b @1 :Text;
}

struct Version2 {
  # The newer version of Version1.
  a @0 :Int64;
  b @1 :Text;
  c @2 :Int32 = 17;
  d @3 :Text = "dd";
  e @4 :List(Text);
}

struct HoldsVersion1 {
  items @0 :List(Version1);
  one @1 :Version1;
}

struct HoldsVersion2 {
  items @0 :List(Version2);
  one @1 :Version2;
}

struct Collisions {
  # Names that clash with each other or with generated members.
  struct Inner {
    value @0 :Int32;
  }

  enum Kind {
    first @0;
    second @1;
  }

  inner @0 :Inner;
  kind @1 :Kind;
  builder @2 :Text;
  which @3 :UInt8;
  hasInner @4 :Bool;
  collisions @5 :Int32;
  pipeline @6 :Int32;
  class @7 :Int32;
}

struct Nested {
  # A chain of structs, to test the nesting limit.
  child @0 :Nested;
  value @1 :Int32;
}

struct Box(T) {
  # A generic struct: its parameter-typed field reads as AnyPointer.
  value @0 :T;
  count @1 :UInt32;
}

struct UsesBox {
  boxed @0 :Box(Text);
  boxedList @1 :Box(List(Text));
  outer @2 :Outer(Inner);
  unbound @3 :Box;
}

struct Outer(T) {
  # A generic struct whose nested struct and list element use its parameter (the nested struct inherits the binding).
  struct In {
    x @0 :T;
  }

  in @0 :In;
  boxes @1 :List(Box(T));
}

const constInt :Int32 = -5;
const constText :Text = "hello \"world\"\n";
const constData :Data = 0x"00 ff 10";
const constStruct :Inner = (id = 9, label = "nine");
const constList :List(Float64) = [1.5, -2.25];
const constEnum :Color = green;
const constBool :Bool = true;
const constNan :Float32 = nan;
const constUInt64 :UInt64 = 18446744073709551615;

interface Widget {
  # An interface with inline and named parameter structs.
  getName @0 () -> (name :Text);
  resize @1 (width :UInt32, height :UInt32) -> ();
  describe @2 Inner -> Inner;
}

interface Labelled {
  label @0 () -> (label :Text);
}

interface Gadget extends(Widget, Labelled) {
  # Inherits from two interfaces; declares nested types.
  struct Settings {
    volume @0 :UInt8;
  }

  enum Mode {
    off @0;
    on @1;
  }

  activate @0 (level :Int8 = 3) -> (widget :Widget, inner :Inner);
  configure @1 (settings :Settings, mode :Mode) -> (ok :Bool);
}
