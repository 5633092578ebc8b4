using Bitcoin.Common.Rpc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>
/// Every wallet RPC command with its help category (Core's GetWalletRPCCommands). The handlers find their wallet
/// through <see cref="RpcRequest.Context"/>, which must be the process's <see cref="WalletContext"/>; the loader
/// registers them with the node through <see cref="Bitcoin.Interfaces.IChain.HandleRpc"/>.
/// </summary>
/// <remarks>
/// Spending commands (send*, bumpfee, PSBT, fundrawtransaction, signrawtransactionwithwallet) are added by the
/// spending part in Rpc/Spend by implementing <see cref="AddSpendCommands"/>.
/// </remarks>
public static partial class WalletRpcCommands
{
    /// <summary>The wallet commands, category and method, sorted by name within Core's registration order.</summary>
    public static IReadOnlyList<(string Category, RpcMethod Method)> GetCommands()
    {
        var commands = new List<(string, RpcMethod)>();
        commands.AddRange(WalletManagementRpc.Commands());
        commands.AddRange(AddressesRpc.Commands());
        commands.AddRange(CoinsRpc.Commands());
        commands.AddRange(TransactionsRpc.Commands());
        commands.AddRange(BackupRpc.Commands());
        commands.AddRange(EncryptionRpc.Commands());
        commands.AddRange(SignMessageRpc.Commands());
        commands.AddRange(HdKeyRpc.Commands());
        AddSpendCommands(commands);
        commands.Sort((a, b) => string.CompareOrdinal(a.Item2.Name, b.Item2.Name));
        return commands;
    }

    /// <summary>Adds the spending commands (implemented by the spending part of the wallet).</summary>
    static partial void AddSpendCommands(List<(string Category, RpcMethod Method)> commands);
}
