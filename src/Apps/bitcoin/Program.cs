using Apps.bitcoin;

// bitcoin: the wrapper of Core's bitcoin.cpp. "bitcoin node ..." runs bitcoind, or bitcoin-node when -m is given or
// the arguments use IPC; "bitcoin rpc ..." runs bitcoin-cli -named; and so on. The executable is found next to this
// one (or in ../libexec when installed in a bin/ directory) and replaces this process.
return WrapperMain.Run(args, Console.Out, Console.Error);
