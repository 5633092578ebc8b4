namespace Bitcoin.Common.Args;

/// <summary>Help sections, in the order Core prints them (Core's <c>OptionsCategory</c>).</summary>
public enum OptionsCategory
{
    /// <summary>"Options:"</summary>
    Options,

    /// <summary>"Connection options:"</summary>
    Connection,

    /// <summary>"Wallet options:"</summary>
    Wallet,

    /// <summary>"Wallet debugging/testing options:" (heading shown only with -help-debug).</summary>
    WalletDebugTest,

    /// <summary>"ZeroMQ notification options:"</summary>
    Zmq,

    /// <summary>"Debugging/Testing options:"</summary>
    DebugTest,

    /// <summary>"Chain selection options:"</summary>
    ChainParams,

    /// <summary>"Node relay options:"</summary>
    NodeRelay,

    /// <summary>"Block creation options:"</summary>
    BlockCreation,

    /// <summary>"RPC server options:"</summary>
    Rpc,

    /// <summary>"UI Options:"</summary>
    Gui,

    /// <summary>"Commands:" (registered with <c>AddCommand</c>).</summary>
    Commands,

    /// <summary>"Register Commands:"</summary>
    RegisterCommands,

    /// <summary>"CLI Commands:" (bitcoin-cli's -getinfo, -netinfo, ...; only one may be given).</summary>
    CliCommands,

    /// <summary>"IPC interprocess connection options:"</summary>
    Ipc,

    /// <summary>Options valid only with certain commands; listed under their command.</summary>
    CommandOptions,

    /// <summary>Accepted but never shown in help; must stay last.</summary>
    Hidden,
}
