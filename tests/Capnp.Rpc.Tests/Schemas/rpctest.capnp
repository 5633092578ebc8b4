# The RPC tests' interfaces, implemented both by the C# tests and by the C++ interop peer (interop/rpc-peer.c++),
# so that each side can call the other's objects through the same schema.

@0x91fc598fe9bb450e;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("rpctest");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Capnp.Rpc.Tests.Schema");

interface Named {
  # A superclass: its method is reached through every interface that extends it.
  name @0 () -> (name :Text);
}

interface Counter extends(Named) {
  # An object whose host counts how many are alive, so that tests see when references are released.
  increment @0 (by :Int64) -> (value :Int64);
}

interface Callback {
  # An object the caller hosts and passes in, for the callee to call back.
  call @0 (value :Int64) -> (result :Int64);
}

interface CallOrder {
  # Returns how many calls it received before this one; `expected` lets a test see calls arrive out of order.
  getCallSequence @0 (expected :UInt32) -> (n :UInt32);
}

struct Holder {
  # A capability inside a struct of the results: pipelined calls reach it through a two-step path.
  label @0 :Text;
  counter @1 :Counter;
}

interface TestService extends(Named) {
  echo @0 (text :Text) -> (text :Text);
  add @1 (a :Int64, b :Int64) -> (sum :Int64);

  newCounter @2 (start :Int64) -> (counter :Counter);
  # A new Counter hosted by the service.

  liveCounters @3 () -> (count :UInt32);
  # How many Counters the service's process hosts that are still referenced.

  increment @4 (counter :Counter, by :Int64) -> (value :Int64);
  # Calls `counter` (which may be the caller's own, or one of the service's sent back).

  callBack @5 (callback :Callback, value :Int64) -> (result :Int64);
  # Calls `callback` during the call and returns what it answered.

  holdCallback @6 (callback :Callback) -> ();
  callHeld @7 (value :Int64) -> (result :Int64);
  dropHeld @8 () -> ();
  # Keeps a callback past the call, calls it later, lets it go.

  fail @9 (type :UInt16, reason :Text) -> ();
  # Throws an exception of the given type (0 failed, 1 overloaded, 2 disconnected, 3 unimplemented).

  echoCap @10 (cap :CallOrder) -> (cap :CallOrder);
  # Returns the capability it was given: the caller's own object comes back to it (the embargo path).

  data @11 (payload :Data) -> (length :UInt64, checksum :UInt64);
  # The payload's length and the sum of its bytes.

  wrap @12 (counter :Counter, label :Text) -> (holder :Holder);

  never @13 () -> ();
  # Returns only when cancelled.

  cancelled @14 () -> (count :UInt32);
  # How many `never` calls have seen their cancellation.

  getCallOrder @15 () -> (cap :CallOrder);
  # A CallOrder object hosted by the service.
}
