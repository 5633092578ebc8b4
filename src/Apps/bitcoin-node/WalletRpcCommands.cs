using Bitcoin.Interfaces;

namespace Apps.bitcoin_node;

/// <summary>
/// The wallet's RPC commands in the node's table, served by whichever wallet process is connected. A command is
/// added to the node's table the first time a wallet process registers it and stays there until <see cref="Dispose"/>:
/// when the process goes away its actors are detached and calls answer <see cref="WalletRpcCommand.DisconnectedMessage"/>
/// (RPC_WALLET_NOT_FOUND) until the next process registers the same commands again.
/// </summary>
internal sealed class WalletRpcCommands(IChain nodeChain) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, WalletRpcCommand> _commands = new(StringComparer.Ordinal);
    private bool _disposed;
    private volatile bool _available = true;

    /// <summary>
    /// False while a new wallet process is registering its commands and loading its wallets: calls then answer the
    /// disconnected error rather than "wallet not loaded" half-way through the reload.
    /// </summary>
    public bool Available
    {
        get => _available;
        set => _available = value;
    }

    /// <summary>Told the method name after a wallet command returned successfully (the supervisor watches the loaded wallets).</summary>
    public Action<string>? CommandCompleted { get; set; }

    /// <summary>
    /// Puts <paramref name="command"/>'s actor behind the node's command of that name (adding the command on first
    /// use). Disposing the returned handler detaches this actor only (a newer process's actor stays).
    /// </summary>
    public IHandler Register(RpcCommandInfo command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_commands.TryGetValue(command.Name, out var slot))
            {
                slot = new WalletRpcCommand(command.Name, this);
                slot.Registration = nodeChain.HandleRpc(command with { Actor = slot });
                _commands.Add(command.Name, slot);
            }

            return slot.Attach(command.Actor);
        }
    }

    internal void OnCompleted(string method) => CommandCompleted?.Invoke(method);

    /// <summary>Removes every command from the node's table (at shutdown, after the wallet process stopped).</summary>
    public void Dispose()
    {
        List<WalletRpcCommand> commands;
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            commands = [.. _commands.Values];
            _commands.Clear();
        }

        foreach (var command in commands)
            command.Registration?.Dispose();
    }
}
