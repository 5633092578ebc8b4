using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>A block of the active chain by hash and height (Core's interfaces::BlockRef).</summary>
/// <param name="Hash">The block hash.</param>
/// <param name="Height">The block height.</param>
public sealed record BlockRef(uint256 Hash, int Height);
