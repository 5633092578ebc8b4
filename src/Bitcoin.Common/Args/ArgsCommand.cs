namespace Bitcoin.Common.Args;

/// <summary>The command part of a command line (everything from the first non-option argument on).</summary>
/// <param name="Command">The registered command, or "" when commands are not registered (bitcoin-cli: the RPC method is then <c>Args[0]</c>).</param>
/// <param name="Args">The arguments after the registered command; without registered commands, all non-option arguments.</param>
public sealed record ArgsCommand(string Command, IReadOnlyList<string> Args);
