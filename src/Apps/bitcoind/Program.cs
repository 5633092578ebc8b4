using Bitcoin.Node.Init;

// bitcoind: the node (and, once it exists, its wallet) in one process, started and stopped as Core's bitcoind.
return NodeMain.Run(args, new NodeMainOptions
{
    SetupServerArgs = arguments => NodeArgs.Register(arguments),
});
