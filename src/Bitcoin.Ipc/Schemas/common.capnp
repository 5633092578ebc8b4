# Types shared by Bitcoin Core's IPC interfaces. File id, names, ordinals and types follow Bitcoin Core master so
# that this side and Core's processes agree on the wire.

@0xcd2c6232cb484a28;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Proxy = import "/mp/proxy.capnp";
$Proxy.includeTypes("ipc/capnp/common-types.h");

struct BlockRef $Proxy.wrap("interfaces::BlockRef") {
    # A block by hash and height.
    hash @0 :Data;
    height @1 :Int32;
}
