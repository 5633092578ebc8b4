# The Echo interface: a test object that returns what it is sent, used to check an IPC connection works.

@0x888b4f7f51e691f7;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("ipc::capnp::messages");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Bitcoin.Ipc.Capnp.Messages");

using Proxy = import "/mp/proxy.capnp";
$Proxy.include("interfaces/echo.h");
$Proxy.includeTypes("ipc/capnp/echo-types.h");

interface Echo $Proxy.wrap("interfaces::Echo") {
    destroy @0 (context :Proxy.Context) -> ();
    # Releases the object.

    echo @1 (context :Proxy.Context, echo :Text) -> (result :Text);
    # Returns `echo` unchanged.
}
