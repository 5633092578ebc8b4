// LOCAL ONLY - NOT TO BE COMMITTED: placeholder until the spending part's fee bumper lands.
using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Wallet.Interfaces;

internal sealed partial class WalletImpl
{
    public bool TransactionCanBeBumped(uint256 txid) => throw new InvalidOperationException("LOCAL PLACEHOLDER");

    public bool CreateBumpTransaction(uint256 txid, CoinControl coinControl, out IReadOnlyList<BilingualString> errors, out Money oldFee, out Money newFee,
        out Transaction? bumpTransaction) => throw new InvalidOperationException("LOCAL PLACEHOLDER");

    public bool SignBumpTransaction(Transaction bumpTransaction) => throw new InvalidOperationException("LOCAL PLACEHOLDER");

    public bool CommitBumpTransaction(uint256 txid, Transaction bumpTransaction, out IReadOnlyList<BilingualString> errors, out uint256? bumpedTxid) =>
        throw new InvalidOperationException("LOCAL PLACEHOLDER");
}
