# libmultiprocess's proxy schema, declared for this repository: the annotations that steer code generation and
# the thread-mapping interfaces every libmultiprocess connection serves. The file id, type names, ordinals and
# field types are libmultiprocess's, so the ids on the wire match its C++ peers (ThreadMap 0xee5e37179ad9dc9d).

@0xcc316e3f71a040fb;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mp");

using CSharp = import "/csharp.capnp";
$CSharp.namespace("Multiprocess.Capnp");

annotation include(file): Text;
# A header the C++ generated code includes.

annotation includeTypes(file): Text;
# A header of type conversions the C++ generated code includes.

annotation wrap(interface, struct): Text;
# The C++ interface (or struct) a capnp interface (or struct) stands for.

annotation count(param, struct, interface): Int32;
# How many C++ parameters one capnp parameter stands for; 0 means it is filled from context, not from an argument.

annotation exception(param): Text;
# A result field that carries a C++ exception of the named type.

annotation name(field, method): Text;
# The C++ name of a field or method, when it differs.

annotation skip(field): Void;
# Same as count(0).

interface ThreadMap $count(0) {
  # Lets a client create threads on the server and name the one each call runs on.

  makeThread @0 (name :Text) -> (result :Thread);
  # Starts a server thread named `name` and returns a handle to it.

  makePool @1 (count :UInt32) -> ();
  # Starts `count` server threads that run calls arriving without a thread. Older servers lack this method.
}

interface Thread {
  # A handle to one server thread, made by ThreadMap.makeThread.

  getName @0 () -> (result :Text);
  # The thread's name.
}

struct Context $count(0) {
  # Passed with each call that runs on a mapped thread.

  thread @0 :Thread;
  # The server thread the call runs on.

  callbackThread @1 :Thread;
  # The caller's thread: calls back into the caller made while this call runs go there.
}
