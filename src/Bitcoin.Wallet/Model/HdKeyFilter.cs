namespace Bitcoin.Wallet.Model;

/// <summary>Which descriptors <see cref="DescriptorWallet.GetHdPubKeys"/> looks at (Core's CWallet::HDKeyFilter).</summary>
public enum HdKeyFilter
{
    /// <summary>Only active descriptors.</summary>
    Active,

    /// <summary>Every descriptor.</summary>
    All,

    /// <summary>Only unused(KEY) descriptors (those with no scripts).</summary>
    UnusedKey,
}
