using NBitcoin;

namespace Bitcoin.Wallet.Model;

/// <summary>
/// Where a wallet transaction stands (Core's <c>TxState</c> variant): confirmed in a block, in the mempool,
/// conflicted by a block, inactive (possibly abandoned), or an unrecognized state read from disk.
/// </summary>
public abstract record TxState
{
    /// <summary>The block hash stored in the tx record for this state (Core's <c>TxStateSerializedBlockHash</c>).</summary>
    public abstract uint256 SerializedBlockHash { get; }

    /// <summary>The index stored in the tx record for this state (Core's <c>TxStateSerializedIndex</c>).</summary>
    public abstract int SerializedIndex { get; }

    /// <summary>
    /// The state a stored (hash, index) pair stands for (Core's <c>TxStateInterpretSerialized</c>); heights are not
    /// stored and read as -1 until the wallet attaches to the chain.
    /// </summary>
    public static TxState FromSerialized(uint256 blockHash, int index)
    {
        if (blockHash == uint256.Zero)
        {
            if (index == 0) return new TxStateInactive(false);
        }
        else if (blockHash == uint256.One)
        {
            if (index == -1) return new TxStateInactive(true);
        }
        else if (index >= 0)
        {
            return new TxStateConfirmed(blockHash, -1, index);
        }
        else if (index == -1)
        {
            return new TxStateBlockConflicted(blockHash, -1);
        }

        return new TxStateUnrecognized(blockHash, index);
    }
}

/// <summary>Confirmed in block <paramref name="BlockHash"/> at <paramref name="Height"/>, position <paramref name="Index"/>.</summary>
public sealed record TxStateConfirmed(uint256 BlockHash, int Height, int Index) : TxState
{
    /// <inheritdoc/>
    public override uint256 SerializedBlockHash => BlockHash;

    /// <inheritdoc/>
    public override int SerializedIndex => Index;

    /// <inheritdoc/>
    public override string ToString() => $"Confirmed (block={BlockHash}, height={Height}, index={Index})";
}

/// <summary>In the node's mempool.</summary>
public sealed record TxStateInMempool : TxState
{
    /// <summary>The one instance.</summary>
    public static TxStateInMempool Instance { get; } = new();

    /// <inheritdoc/>
    public override uint256 SerializedBlockHash => uint256.Zero;

    /// <inheritdoc/>
    public override int SerializedIndex => 0;

    /// <inheritdoc/>
    public override string ToString() => "InMempool";
}

/// <summary>Conflicts with a transaction confirmed in block <paramref name="BlockHash"/> at <paramref name="Height"/>.</summary>
public sealed record TxStateBlockConflicted(uint256 BlockHash, int Height) : TxState
{
    /// <inheritdoc/>
    public override uint256 SerializedBlockHash => BlockHash;

    /// <inheritdoc/>
    public override int SerializedIndex => -1;

    /// <inheritdoc/>
    public override string ToString() => $"BlockConflicted (block={BlockHash}, height={Height})";
}

/// <summary>Neither confirmed nor in the mempool nor conflicted by a known block; <paramref name="Abandoned"/> if the user abandoned it.</summary>
public sealed record TxStateInactive(bool Abandoned) : TxState
{
    /// <inheritdoc/>
    public override uint256 SerializedBlockHash => Abandoned ? uint256.One : uint256.Zero;

    /// <inheritdoc/>
    public override int SerializedIndex => Abandoned ? -1 : 0;

    /// <inheritdoc/>
    public override string ToString() => $"Inactive (abandoned={(Abandoned ? 1 : 0)})";
}

/// <summary>A stored state this wallet does not recognize; kept as read and treated as inactive.</summary>
public sealed record TxStateUnrecognized(uint256 BlockHash, int Index) : TxState
{
    /// <inheritdoc/>
    public override uint256 SerializedBlockHash => BlockHash;

    /// <inheritdoc/>
    public override int SerializedIndex => Index;

    /// <inheritdoc/>
    public override string ToString() => $"Unrecognized (block={BlockHash}, index={Index})";
}
