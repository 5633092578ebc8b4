# Interfaces for the Multiprocess tests: an Init in libmultiprocess's style (construct exchanges ThreadMaps), a
# service whose methods run on mapped threads, and a callback the caller hosts, so that tests can follow which
# thread runs each call.

@0xe2cedf616d06b724;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mptest");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Multiprocess.Tests.Schema");

using Proxy = import "/mp/proxy.capnp";

interface TestInit {
  # The bootstrap interface of a test process.

  construct @0 (threadMap :Proxy.ThreadMap) -> (threadMap :Proxy.ThreadMap);
  # Exchanges ThreadMaps, as every libmultiprocess Init does.

  makeService @1 (context :Proxy.Context, name :Text) -> (result :TestService);
  # A new service object named `name`.

  processId @2 () -> (result :Int32);
  # The serving process's id (runs on the connection's loop).

  spawnChild @3 (context :Proxy.Context) -> (result :Int32);
  # Spawns another test child process, keeps it, and returns its process id.
}

interface TestService {
  # An object served to the peer.

  destroy @0 (context :Proxy.Context) -> ();
  # Disposes the object now.

  whereAmI @1 (context :Proxy.Context) -> (result :Text);
  # The name and id of the thread running the call.

  bounce @2 (context :Proxy.Context, callback :TestCallback, depth :Int32) -> (trace :List(Text));
  # Appends where it runs, then (while depth > 0) calls `callback` with depth - 1 and appends its trace.

  hold @3 (context :Proxy.Context, tag :Text) -> (trace :Text);
  # Blocks until the server side releases `tag` (tests of queueing and disconnect); returns the tag and thread.

  onLoop @4 () -> (result :Text);
  # A method without a Context: reports the thread it runs on.

  echo @5 (context :Proxy.Context, echo :Text) -> (result :Text);
  # Returns `echo` unchanged.
}

interface TestCallback {
  # An object the caller hosts and passes in.

  call @0 (context :Proxy.Context, service :TestService, depth :Int32) -> (trace :List(Text));
  # Appends where it runs, then (while depth > 0) calls `service.bounce` with depth - 1 and appends its trace.
}
