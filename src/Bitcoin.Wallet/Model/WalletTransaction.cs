using NBitcoin;

namespace Bitcoin.Wallet.Model;

/// <summary>
/// A transaction the wallet keeps (Core's <c>CWalletTx</c>): the transaction (and any other witness variants of the
/// same txid seen), its <see cref="State"/>, the wallet's ordering and time stamps, and the user's metadata. Stored as
/// a <c>tx</c> record in Core's serialization (plus <c>wtxvariant</c> records).
/// </summary>
/// <remarks>Read and modify only while holding the wallet's lock (<see cref="DescriptorWallet.SyncRoot"/>).</remarks>
public sealed class WalletTransaction
{
    private readonly Dictionary<uint256, Transaction> _variants = [];
    private uint256 _canonicalWtxid;

    /// <summary>Creates the wallet's record of <paramref name="tx"/> in <paramref name="state"/>.</summary>
    public WalletTransaction(Transaction tx, TxState state)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        TxId = tx.GetHash();
        _canonicalWtxid = tx.GetWitHash();
        _variants[_canonicalWtxid] = tx;
        State = state;
    }

    /// <summary>The transaction id.</summary>
    public uint256 TxId { get; }

    /// <summary>The canonical variant: the confirmed one, else the one with witnesses and the least weight.</summary>
    public Transaction Tx => _variants[_canonicalWtxid];

    /// <summary>Every witness variant seen, by wtxid.</summary>
    public IReadOnlyDictionary<uint256, Transaction> Variants => _variants;

    /// <summary>The witness hash of <see cref="Tx"/>.</summary>
    public uint256 WitnessHash => _canonicalWtxid;

    /// <summary>Where it stands.</summary>
    public TxState State { get; set; }

    /// <summary>When the wallet first saw it (seconds since the epoch).</summary>
    public uint TimeReceived { get; set; }

    /// <summary>A stable time reflecting the order it was added (Core's nTimeSmart; 0 if unset).</summary>
    public uint TimeSmart { get; set; }

    /// <summary>Its position in the wallet's transaction list; -1 until ordered.</summary>
    public long OrderPos { get; set; } = -1;

    /// <summary>The "from" value of very old wallets.</summary>
    public string? From { get; set; }

    /// <summary>The "message" value of very old wallets.</summary>
    public string? Message { get; set; }

    /// <summary>The user's comment (sendtoaddress comment).</summary>
    public string? Comment { get; set; }

    /// <summary>The user's comment on the recipient (sendtoaddress comment_to).</summary>
    public string? CommentTo { get; set; }

    /// <summary>The transaction this one replaced by fee bump.</summary>
    public uint256? ReplacesTxid { get; set; }

    /// <summary>The fee bump that replaced this one.</summary>
    public uint256? ReplacedByTxid { get; set; }

    /// <summary>BIP21 messages kept with it.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>BIP70 payment requests of old wallets, kept as read.</summary>
    public List<string> PaymentRequests { get; } = [];

    /// <summary>Mempool transactions that conflict with it or an ancestor (memory only).</summary>
    public HashSet<uint256> MempoolConflicts { get; } = [];

    /// <summary>A TRUC (v3) child of this transaction in the mempool, if any (memory only).</summary>
    public uint256? TrucChildInMempool { get; set; }

    /// <summary>True if it is a coinbase transaction.</summary>
    public bool IsCoinBase => Tx.IsCoinBase;

    /// <summary>True if confirmed in a block.</summary>
    public bool IsConfirmed => State is TxStateConfirmed;

    /// <summary>True if in the mempool.</summary>
    public bool InMempool => State is TxStateInMempool;

    /// <summary>True if abandoned by the user.</summary>
    public bool IsAbandoned => State is TxStateInactive { Abandoned: true };

    /// <summary>True if a block holds a conflicting transaction.</summary>
    public bool IsBlockConflicted => State is TxStateBlockConflicted;

    /// <summary>True if a mempool transaction conflicts with it.</summary>
    public bool IsMempoolConflicted => MempoolConflicts.Count > 0;

    /// <summary>True if inactive (not confirmed, not in the mempool, not conflicted by a block).</summary>
    public bool IsInactive => State is TxStateInactive;

    /// <summary>True if not abandoned, not conflicted and not confirmed (Core's isUnconfirmed).</summary>
    public bool IsUnconfirmed => !IsAbandoned && !IsBlockConflicted && !IsMempoolConflicted && !IsConfirmed;

    /// <summary>The smart time, or the received time if there is none (Core's GetTxTime).</summary>
    public long GetTxTime() => TimeSmart != 0 ? TimeSmart : TimeReceived;

    /// <summary>Adds a witness variant without changing state or the canonical choice (used while loading).</summary>
    internal void AddVariant(Transaction tx)
    {
        if (tx.GetHash() != TxId)
            throw new Storage.WalletDataException("variant txid does not match wallet txid");
        _variants.TryAdd(tx.GetWitHash(), tx);
    }

    /// <summary>
    /// Records <paramref name="tx"/> (maybe a new witness variant) in <paramref name="newState"/>; true if anything
    /// changed (Core's <c>CWalletTx::Update</c>). A confirmed variant becomes canonical.
    /// </summary>
    public bool Update(Transaction tx, TxState newState)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(newState);
        if (tx.GetHash() != TxId) return false;
        var wtxid = tx.GetWitHash();
        bool changed = _variants.TryAdd(wtxid, tx);
        if (newState != State)
        {
            State = newState;
            if (newState is TxStateConfirmed)
                _canonicalWtxid = wtxid;
            changed = true;
        }

        if (!IsConfirmed)
        {
            var previous = _canonicalWtxid;
            RecomputeCanonical();
            changed |= previous != _canonicalWtxid;
        }

        return changed;
    }

    /// <summary>Picks the canonical variant by Core's unconfirmed rule: witnesses first, then the least weight.</summary>
    internal void RecomputeCanonical()
    {
        _canonicalWtxid = _variants
            .OrderBy(v => v.Value.HasWitness ? 0 : 1)
            .ThenBy(v => v.Value.GetSerializedSize(TransactionOptions.None) * 3 + v.Value.GetSerializedSize(TransactionOptions.All))
            .ThenBy(v => v.Key)
            .First().Key;
    }

    /// <summary>True if the two differ only in scriptSigs and witnesses (Core's IsEquivalentTo).</summary>
    public bool IsEquivalentTo(WalletTransaction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static Transaction Stripped(Transaction tx)
        {
            var copy = tx.Clone();
            foreach (var input in copy.Inputs)
            {
                input.ScriptSig = Script.Empty;
                input.WitScript = WitScript.Empty;
            }

            return copy;
        }

        return Stripped(Tx).GetHash() == Stripped(other.Tx).GetHash();
    }
}
