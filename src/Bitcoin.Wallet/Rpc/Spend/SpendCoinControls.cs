using Bitcoin.Wallet.Spend;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>Coin control as Core's CCoinControl constructor makes it: avoid-partial-spends from -avoidpartialspends.</summary>
internal static class SpendCoinControls
{
    public static SpendCoinControl For(DescriptorWallet wallet) => new() { AvoidPartialSpends = wallet.Options.AvoidPartialSpends };
}
