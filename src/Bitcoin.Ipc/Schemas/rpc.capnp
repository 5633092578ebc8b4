# The Rpc interface: runs a JSON-RPC request in the node, so bitcoin-cli can reach it over IPC.

@0x9c3505dc45e146ac;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Common = import "common.capnp";
using Proxy = import "/mp/proxy.capnp";
$Proxy.include("interfaces/rpc.h");
$Proxy.includeTypes("ipc/capnp/rpc-types.h");

interface Rpc $Proxy.wrap("interfaces::Rpc") {
    executeRpc @0 (context :Proxy.Context, request :Text, uri :Text, user :Text) -> (result :Text);
    # Runs the JSON-RPC `request` (text) as if sent to `uri` by `user`; returns the JSON reply as text.
}
