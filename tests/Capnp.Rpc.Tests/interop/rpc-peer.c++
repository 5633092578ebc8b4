// The C++ side of the RPC interop tests: a small program written against the official Cap'n Proto C++ library
// (Debian's libcapnp-dev), speaking two-party RPC over a Unix socket with the C# implementation.
//
//   rpc-peer serve <socket-path>   connect and offer TestService (implemented here) as the bootstrap capability;
//                                  runs until the C# side closes the connection.
//   rpc-peer drive <socket-path>   connect, take the C# side's TestService and run checks against it, printing
//                                  "ok <check>" or "FAIL <check>: <why>" per check; exit status 0 when all pass.
//
// Built by the C# tests (InteropPeer.cs) with g++ from this file and the schema's generated code.

#include "rpctest.capnp.h"

#include <capnp/message.h>
#include <capnp/rpc-twoparty.h>
#include <kj/async-io.h>
#include <kj/debug.h>
#include <kj/main.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

int liveCounters = 0;    // Counter objects of this process not yet destroyed
int liveCallbacks = 0;   // Callback objects of this process not yet destroyed
int cancelledNever = 0;  // `never` calls whose promise was dropped (cancelled)

class CounterImpl final : public rpctest::Counter::Server {
public:
  explicit CounterImpl(int64_t start) : value(start) { ++liveCounters; }
  ~CounterImpl() noexcept(false) { --liveCounters; }

  kj::Promise<void> increment(IncrementContext context) override {
    value += context.getParams().getBy();
    context.getResults().setValue(value);
    return kj::READY_NOW;
  }

  kj::Promise<void> name(NameContext context) override {
    context.getResults().setName("c++ counter");
    return kj::READY_NOW;
  }

private:
  int64_t value;
};

class CallbackImpl final : public rpctest::Callback::Server {
public:
  explicit CallbackImpl(int64_t factor) : factor(factor) { ++liveCallbacks; }
  ~CallbackImpl() noexcept(false) { --liveCallbacks; }

  kj::Promise<void> call(CallContext context) override {
    auto value = context.getParams().getValue();
    if (value < 0) {
      return KJ_EXCEPTION(FAILED, "negative values are refused by the c++ callback");
    }
    context.getResults().setResult(value * factor);
    return kj::READY_NOW;
  }

private:
  int64_t factor;
};

class CallOrderImpl final : public rpctest::CallOrder::Server {
public:
  kj::Promise<void> getCallSequence(GetCallSequenceContext context) override {
    context.getResults().setN(count++);
    return kj::READY_NOW;
  }

private:
  uint32_t count = 0;
};

kj::Exception::Type exceptionType(uint16_t type) {
  switch (type) {
    case 1: return kj::Exception::Type::OVERLOADED;
    case 2: return kj::Exception::Type::DISCONNECTED;
    case 3: return kj::Exception::Type::UNIMPLEMENTED;
    default: return kj::Exception::Type::FAILED;
  }
}

class TestServiceImpl final : public rpctest::TestService::Server {
public:
  kj::Promise<void> name(NameContext context) override {
    context.getResults().setName("c++ test service");
    return kj::READY_NOW;
  }

  kj::Promise<void> echo(EchoContext context) override {
    context.getResults().setText(context.getParams().getText());
    return kj::READY_NOW;
  }

  kj::Promise<void> add(AddContext context) override {
    auto params = context.getParams();
    context.getResults().setSum(params.getA() + params.getB());
    return kj::READY_NOW;
  }

  kj::Promise<void> newCounter(NewCounterContext context) override {
    context.getResults().setCounter(kj::heap<CounterImpl>(context.getParams().getStart()));
    return kj::READY_NOW;
  }

  kj::Promise<void> liveCounters(LiveCountersContext context) override {
    context.getResults().setCount(::liveCounters);
    return kj::READY_NOW;
  }

  kj::Promise<void> increment(IncrementContext context) override {
    auto request = context.getParams().getCounter().incrementRequest();
    request.setBy(context.getParams().getBy());
    return request.send().then([context](auto&& response) mutable {
      context.getResults().setValue(response.getValue());
    });
  }

  kj::Promise<void> callBack(CallBackContext context) override {
    auto request = context.getParams().getCallback().callRequest();
    request.setValue(context.getParams().getValue());
    return request.send().then([context](auto&& response) mutable {
      context.getResults().setResult(response.getResult());
    });
  }

  kj::Promise<void> holdCallback(HoldCallbackContext context) override {
    held = context.getParams().getCallback();
    return kj::READY_NOW;
  }

  kj::Promise<void> callHeld(CallHeldContext context) override {
    KJ_IF_MAYBE(callback, held) {
      auto request = callback->callRequest();
      request.setValue(context.getParams().getValue());
      return request.send().then([context](auto&& response) mutable {
        context.getResults().setResult(response.getResult());
      });
    }
    return KJ_EXCEPTION(FAILED, "no callback held");
  }

  kj::Promise<void> dropHeld(DropHeldContext context) override {
    held = nullptr;
    return kj::READY_NOW;
  }

  kj::Promise<void> fail(FailContext context) override {
    auto params = context.getParams();
    return kj::Exception(exceptionType(params.getType()), __FILE__, __LINE__, kj::str(params.getReason()));
  }

  kj::Promise<void> echoCap(EchoCapContext context) override {
    context.getResults().setCap(context.getParams().getCap());
    return kj::READY_NOW;
  }

  kj::Promise<void> data(DataContext context) override {
    auto payload = context.getParams().getPayload();
    uint64_t sum = 0;
    for (auto b : payload) sum += b;
    auto results = context.getResults();
    results.setLength(payload.size());
    results.setChecksum(sum);
    return kj::READY_NOW;
  }

  kj::Promise<void> wrap(WrapContext context) override {
    auto holder = context.getResults().initHolder();
    holder.setLabel(context.getParams().getLabel());
    holder.setCounter(context.getParams().getCounter());
    return kj::READY_NOW;
  }

  kj::Promise<void> never(NeverContext context) override {
    context.allowCancellation();
    return kj::Promise<void>(kj::NEVER_DONE).attach(kj::defer([]() { ++cancelledNever; }));
  }

  kj::Promise<void> cancelled(CancelledContext context) override {
    context.getResults().setCount(cancelledNever);
    return kj::READY_NOW;
  }

  kj::Promise<void> getCallOrder(GetCallOrderContext context) override {
    context.getResults().setCap(kj::heap<CallOrderImpl>());
    return kj::READY_NOW;
  }

private:
  kj::Maybe<rpctest::Callback::Client> held;
};

// ---------------------------------------------------------------------------------------------------------------
// Drive mode: checks against the C# TestService.

class Checks {
public:
  Checks(kj::WaitScope& waitScope, rpctest::TestService::Client service)
      : waitScope(waitScope), service(kj::mv(service)) {}

  int run() {
    check("echo", [&]() { echo(); });
    check("superclass", [&]() { superclass(); });
    check("counter-released", [&]() { counterReleased(); });
    check("callback", [&]() { callback(); });
    check("held-callback", [&]() { heldCallback(); });
    check("pipelining", [&]() { pipelining(); });
    check("receiver-answer", [&]() { receiverAnswer(); });
    check("exceptions", [&]() { exceptions(); });
    check("callback-exception", [&]() { callbackException(); });
    check("unimplemented", [&]() { unimplemented(); });
    check("embargo", [&]() { embargo(); });
    check("cancel", [&]() { cancel(); });
    check("data", [&]() { data(); });
    std::cout << (failures == 0 ? "all ok" : "failures") << std::endl;
    return failures == 0 ? 0 : 1;
  }

private:
  kj::WaitScope& waitScope;
  rpctest::TestService::Client service;
  int failures = 0;

  template <typename Func>
  void check(const char* name, Func&& func) {
    KJ_IF_MAYBE(e, kj::runCatchingExceptions(func)) {
      ++failures;
      std::cout << "FAIL " << name << ": " << e->getDescription().cStr() << std::endl;
    } else {
      std::cout << "ok " << name << std::endl;
    }
  }

  uint32_t remoteLiveCounters() {
    return service.liveCountersRequest().send().wait(waitScope).getCount();
  }

  void echo() {
    auto request = service.echoRequest();
    request.setText("from c++");
    auto text = request.send().wait(waitScope).getText();
    KJ_REQUIRE(text == "from c++", text);
    auto add = service.addRequest();
    add.setA(2);
    add.setB(3);
    KJ_REQUIRE(add.send().wait(waitScope).getSum() == 5);
  }

  void superclass() {
    rpctest::Named::Client named = service;
    auto name = named.nameRequest().send().wait(waitScope);
    KJ_REQUIRE(name.getName() == "c# test service", name.getName());
  }

  void counterReleased() {
    KJ_REQUIRE(remoteLiveCounters() == 0);
    {
      auto request = service.newCounterRequest();
      request.setStart(5);
      auto counter = request.send().wait(waitScope).getCounter();
      auto increment = counter.incrementRequest();
      increment.setBy(2);
      KJ_REQUIRE(increment.send().wait(waitScope).getValue() == 7);
      KJ_REQUIRE(remoteLiveCounters() == 1);
    }
    // Our last reference is gone: the Release reached the C# side before this call.
    auto live = remoteLiveCounters();
    KJ_REQUIRE(live == 0, "the C# counter is still alive after the C++ side dropped it", live);
  }

  void callback() {
    {
      rpctest::Callback::Client callback = kj::heap<CallbackImpl>(10);
      auto request = service.callBackRequest();
      request.setCallback(callback);
      request.setValue(4);
      KJ_REQUIRE(request.send().wait(waitScope).getResult() == 40);
    }
    remoteLiveCounters();  // a round trip, after which the C# side's Release has arrived
    KJ_REQUIRE(liveCallbacks == 0, "the C# side kept the callback", liveCallbacks);
  }

  void heldCallback() {
    {
      rpctest::Callback::Client callback = kj::heap<CallbackImpl>(3);
      auto hold = service.holdCallbackRequest();
      hold.setCallback(callback);
      hold.send().wait(waitScope);
    }
    KJ_REQUIRE(liveCallbacks == 1, "the held callback is gone", liveCallbacks);
    auto call = service.callHeldRequest();
    call.setValue(5);
    KJ_REQUIRE(call.send().wait(waitScope).getResult() == 15);
    service.dropHeldRequest().send().wait(waitScope);
    remoteLiveCounters();
    KJ_REQUIRE(liveCallbacks == 0, "the dropped callback is still alive", liveCallbacks);
  }

  void pipelining() {
    auto request = service.newCounterRequest();
    request.setStart(100);
    auto promise = request.send();
    auto counter = promise.getCounter();
    auto first = counter.incrementRequest();
    first.setBy(1);
    auto firstPromise = first.send();
    auto wrap = service.wrapRequest();
    wrap.setCounter(counter);
    wrap.setLabel("c++");
    auto wrapped = wrap.send();
    auto second = wrapped.getHolder().getCounter().incrementRequest();
    second.setBy(10);
    auto secondPromise = second.send();
    KJ_REQUIRE(firstPromise.wait(waitScope).getValue() == 101);
    KJ_REQUIRE(secondPromise.wait(waitScope).getValue() == 111);
    KJ_REQUIRE(wrapped.wait(waitScope).getHolder().getLabel() == "c++");
    promise.wait(waitScope);
  }

  void receiverAnswer() {
    auto request = service.newCounterRequest();
    request.setStart(1);
    auto promise = request.send();
    auto increment = service.incrementRequest();
    increment.setCounter(promise.getCounter());
    increment.setBy(41);
    KJ_REQUIRE(increment.send().wait(waitScope).getValue() == 42);
  }

  void exceptions() {
    const kj::Exception::Type types[] = {kj::Exception::Type::FAILED, kj::Exception::Type::OVERLOADED,
        kj::Exception::Type::DISCONNECTED, kj::Exception::Type::UNIMPLEMENTED};
    for (uint16_t i = 0; i < 4; i++) {
      auto request = service.failRequest();
      request.setType(i);
      request.setReason(kj::str("c# reason ", i));
      KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() { request.send().wait(waitScope); })) {
        KJ_REQUIRE(e->getType() == types[i], "wrong exception type", (int)e->getType(), i);
        KJ_REQUIRE(e->getDescription().endsWith(kj::str("c# reason ", i)), e->getDescription());
      } else {
        KJ_FAIL_REQUIRE("the call did not fail", i);
      }
    }
  }

  void callbackException() {
    rpctest::Callback::Client callback = kj::heap<CallbackImpl>(1);
    auto request = service.callBackRequest();
    request.setCallback(callback);
    request.setValue(-1);
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() { request.send().wait(waitScope); })) {
      KJ_REQUIRE(e->getDescription().endsWith("negative values are refused by the c++ callback"), e->getDescription());
    } else {
      KJ_FAIL_REQUIRE("the call did not fail");
    }
  }

  void unimplemented() {
    auto asCallback = service.castAs<rpctest::Callback>();
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() { asCallback.callRequest().send().wait(waitScope); })) {
      KJ_REQUIRE(e->getType() == kj::Exception::Type::UNIMPLEMENTED, (int)e->getType(), e->getDescription());
    } else {
      KJ_FAIL_REQUIRE("the call did not fail");
    }
  }

  kj::Promise<uint32_t> callSequence(rpctest::CallOrder::Client& cap, uint32_t expected) {
    auto request = cap.getCallSequenceRequest();
    request.setExpected(expected);
    return request.send().then([](auto&& response) { return response.getN(); });
  }

  void embargo() {
    // rpc-test.c++'s Embargo test: calls on a promise that resolves to our own object stay in order.
    rpctest::CallOrder::Client cap = kj::heap<CallOrderImpl>();
    auto early = service.echoRequest().send();
    auto echo = service.echoCapRequest();
    echo.setCap(cap);
    auto echoPromise = echo.send();
    auto pipeline = echoPromise.getCap();
    std::vector<kj::Promise<uint32_t>> calls;
    calls.push_back(callSequence(pipeline, 0));
    calls.push_back(callSequence(pipeline, 1));
    early.wait(waitScope);
    calls.push_back(callSequence(pipeline, 2));
    auto resolved = echoPromise.wait(waitScope).getCap();
    calls.push_back(callSequence(pipeline, 3));
    calls.push_back(callSequence(pipeline, 4));
    calls.push_back(callSequence(pipeline, 5));
    for (uint32_t i = 0; i < calls.size(); i++) {
      auto n = calls[i].wait(waitScope);
      KJ_REQUIRE(n == i, "call arrived out of order", i, n);
    }
  }

  void cancel() {
    {
      auto promise = service.neverRequest().send();
      // Let the call go out, then drop it: Finish cancels it on the C# side.
      service.echoRequest().send().wait(waitScope);
    }
    uint32_t count = 0;
    for (int i = 0; i < 200 && count == 0; i++) {
      count = service.cancelledRequest().send().wait(waitScope).getCount();
    }
    KJ_REQUIRE(count == 1, "the C# server did not see the cancellation", count);
  }

  void data() {
    auto request = service.dataRequest();
    auto payload = request.initPayload(1 << 20);
    uint64_t sum = 0;
    for (size_t i = 0; i < payload.size(); i++) {
      payload[i] = static_cast<kj::byte>(i * 31 + 7);
      sum += payload[i];
    }
    auto response = request.send().wait(waitScope);
    KJ_REQUIRE(response.getLength() == payload.size());
    KJ_REQUIRE(response.getChecksum() == sum);
  }
};

}  // namespace

int main(int argc, char* argv[]) {
  if (argc != 3 || (std::string(argv[1]) != "serve" && std::string(argv[1]) != "drive")) {
    std::cerr << "usage: rpc-peer serve|drive <socket-path>" << std::endl;
    return 2;
  }
  bool serve = std::string(argv[1]) == "serve";
  auto io = kj::setupAsyncIo();
  auto& waitScope = io.waitScope;
  auto address = io.provider->getNetwork().parseAddress(kj::str("unix:", argv[2])).wait(waitScope);
  auto stream = address->connect().wait(waitScope);

  if (serve) {
    // The SERVER side of a two-party network accepts the connection at once, so the C# side's Bootstrap is
    // answered without this side asking for anything.
    capnp::TwoPartyClient client(*stream, kj::heap<TestServiceImpl>(), capnp::rpc::twoparty::Side::SERVER);
    client.onDisconnect().wait(waitScope);
    return 0;
  }

  capnp::TwoPartyClient client(*stream, kj::heap<TestServiceImpl>(), capnp::rpc::twoparty::Side::CLIENT);
  auto service = client.bootstrap().castAs<rpctest::TestService>();
  int status = Checks(waitScope, kj::mv(service)).run();
  return status;
}
