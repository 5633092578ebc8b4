# The two-party network's identifiers (vat ids, provision/recipient/third-party placeholders, join parts), declared
# for our engine with the same file id, names, ordinals and types as Cap'n Proto's reference rpc-twoparty.capnp.

@0xa184c7885cdaf2a1;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("capnp::rpc::twoparty");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Capnp.Rpc.Protocol.TwoParty");
$CSharp.internal;

enum Side {
  server @0;

  client @1;
}

struct VatId {
  side @0 :Side;
}

struct ProvisionId {
  joinId @0 :UInt32;
}

struct RecipientId {}

struct ThirdPartyCapId {}

struct JoinKeyPart {
  joinId @0 :UInt32;

  partCount @1 :UInt16;

  partNum @2 :UInt16;
}

struct JoinResult {
  joinId @0 :UInt32;

  succeeded @1 :Bool;

  cap @2 :Capability;
}
