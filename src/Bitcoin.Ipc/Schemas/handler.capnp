# The Handler interface: a registration (notifications, an RPC command, a callback) held by the other process.

@0xebd8f46e2f369076;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Proxy = import "/mp/proxy.capnp";
$Proxy.include("interfaces/handler.h");

interface Handler $Proxy.wrap("interfaces::Handler") {
    destroy @0 (context :Proxy.Context) -> ();
    # Releases the registration (and disconnects it).

    disconnect @1 (context :Proxy.Context) -> ();
    # Ends the registration; the object stays until destroyed.
}
