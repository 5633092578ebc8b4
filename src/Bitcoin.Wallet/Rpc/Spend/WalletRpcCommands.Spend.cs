using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Rpc.Spend;

namespace Bitcoin.Wallet.Rpc;

// The spending commands (Core's wallet/rpc/spend.cpp), registered with the other wallet commands.
public static partial class WalletRpcCommands
{
    static partial void AddSpendCommands(List<(string Category, RpcMethod Method)> commands)
    {
        const string Wallet = "wallet";
        commands.Add((Wallet, SendRpc.SendToAddress()));
        commands.Add((Wallet, SendRpc.SendMany()));
        commands.Add((Wallet, SendAllRpc.Send()));
        commands.Add((Wallet, SendAllRpc.SendAll()));
        commands.Add((Wallet, FundRpc.FundRawTransaction()));
        commands.Add((Wallet, FundRpc.SignRawTransactionWithWallet()));
        commands.Add((Wallet, BumpFeeRpc.BumpFee()));
        commands.Add((Wallet, BumpFeeRpc.PsbtBumpFee()));
        commands.Add((Wallet, WalletPsbtRpc.WalletProcessPsbt()));
        commands.Add((Wallet, WalletPsbtRpc.WalletCreateFundedPsbt()));
    }
}
