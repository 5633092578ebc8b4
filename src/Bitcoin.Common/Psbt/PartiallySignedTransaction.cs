using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// A partially signed transaction (BIP 174, version 0, and BIP 370, version 2) as Core's PartiallySignedTransaction:
/// global fields, one <see cref="PsbtInput"/> per input and one <see cref="PsbtOutput"/> per output. Serialization
/// (<see cref="PsbtEncoding"/>) round-trips Core's bytes exactly, unknown and proprietary records included.
/// </summary>
public sealed partial class PartiallySignedTransaction
{
    private uint? _version;

    private PartiallySignedTransaction()
    {
    }

    /// <summary>A PSBT of version 0 or 2 for an unsigned transaction (Core's constructor; scriptSigs and witnesses are ignored).</summary>
    public PartiallySignedTransaction(Transaction tx, uint version = 2)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (version is not (0 or 2)) throw new ArgumentOutOfRangeException(nameof(version), "PSBT version must be 0 or 2");
        _version = version;
        TxVersion = tx.Version;
        FallbackLocktime = tx.LockTime.Value;
        foreach (var input in tx.Inputs) Inputs.Add(new PsbtInput(version, input.PrevOut.Hash, input.PrevOut.N, input.Sequence.Value));
        foreach (var output in tx.Outputs) Outputs.Add(new PsbtOutput(version, output.Value.Satoshi, output.ScriptPubKey));
    }

    /// <summary>Global extended public keys, by origin (Core keeps origin → set of keys).</summary>
    public SortedDictionary<KeyOriginInfo, SortedSet<PsbtXpub>> Xpubs { get; } = new();

    /// <summary>Version 2: the PSBT_GLOBAL_TX_MODIFIABLE flags (bit 0 inputs, bit 1 outputs, bit 2 SIGHASH_SINGLE), if set.</summary>
    public byte? TxModifiable { get; set; }

    /// <summary>The inputs.</summary>
    public List<PsbtInput> Inputs { get; } = [];

    /// <summary>The outputs.</summary>
    public List<PsbtOutput> Outputs { get; } = [];

    /// <summary>Global records of unknown types.</summary>
    public SortedDictionary<byte[], byte[]> Unknown { get; } = new(ByteComparers.Lexicographic);

    /// <summary>Global proprietary records.</summary>
    public SortedSet<PsbtProprietary> Proprietary { get; } = [];

    /// <summary>The unsigned transaction's version.</summary>
    public uint TxVersion { get; set; }

    /// <summary>The lock time used when no input requires one (the transaction's lock time in version 0).</summary>
    public uint? FallbackLocktime { get; set; }

    /// <summary>The PSBT version: 0 unless set.</summary>
    public uint Version => _version ?? 0;

    /// <summary>
    /// Core's ComputeTimeLock: for version 2, the largest required height lock time if every input allows heights, else
    /// the largest time lock time if every input allows times; the fallback otherwise. Null when the inputs' requirements
    /// conflict.
    /// </summary>
    public uint? ComputeTimeLock()
    {
        if (Version >= 2)
        {
            uint? timeLock = 0, heightLock = 0;
            foreach (var input in Inputs)
            {
                if (input.TimeLocktime is not null && input.HeightLocktime is null)
                {
                    heightLock = null;
                    if (timeLock is null) return null;
                }
                else if (input.TimeLocktime is null && input.HeightLocktime is not null)
                {
                    timeLock = null;
                    if (heightLock is null) return null;
                }
                if (input.TimeLocktime is uint t && timeLock is not null) timeLock = Math.Max(timeLock.Value, t);
                if (input.HeightLocktime is uint h && heightLock is not null) heightLock = Math.Max(heightLock.Value, h);
            }
            if (heightLock is > 0) return heightLock;
            if (timeLock is > 0) return timeLock;
        }
        return FallbackLocktime ?? 0;
    }

    /// <summary>The unsigned transaction (Core's GetUnsignedTx); null when the lock time cannot be computed.</summary>
    public Transaction? GetUnsignedTx()
    {
        var locktime = ComputeTimeLock();
        if (locktime is null) return null;
        var tx = Network.Main.CreateTransaction();
        tx.Version = TxVersion;
        tx.LockTime = new LockTime(locktime.Value);
        foreach (var input in Inputs)
            tx.Inputs.Add(new TxIn(input.OutPoint) { Sequence = new Sequence(input.Sequence ?? uint.MaxValue) });
        foreach (var output in Outputs) tx.Outputs.Add(new TxOut(Money.Satoshis(output.Amount), output.Script));
        return tx;
    }

    /// <summary>
    /// Core's GetUniqueID: the unsigned transaction's txid (with every sequence zeroed for version 2, whose inputs may
    /// change them); null when there is no valid unsigned transaction.
    /// </summary>
    public uint256? GetUniqueId()
    {
        var tx = GetUnsignedTx();
        if (tx is null) return null;
        if (Version >= 2)
        {
            foreach (var input in tx.Inputs) input.Sequence = new Sequence(0);
        }
        return PsbtTransactions.TxId(tx);
    }

    /// <summary>
    /// Core's Merge: combines another PSBT of the same transaction and version into this one (inputs and outputs
    /// merged field by field, global keys, modifiable flags ANDed except SIGHASH_SINGLE which is ORed). False if the
    /// transactions or versions differ.
    /// </summary>
    public bool Merge(PartiallySignedTransaction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var thisId = GetUniqueId();
        var otherId = other.GetUniqueId();
        if (thisId is null || otherId is null || thisId != otherId) return false;
        if (Version != other.Version) return false;
        for (int i = 0; i < Inputs.Count; i++)
        {
            if (!Inputs[i].Merge(other.Inputs[i])) return false;
        }
        for (int i = 0; i < Outputs.Count; i++)
        {
            if (!Outputs[i].Merge(other.Outputs[i])) return false;
        }
        MergeGlobalXpubs(other);
        FallbackLocktime ??= other.FallbackLocktime;
        if (TxModifiable is not null || other.TxModifiable is not null)
        {
            int mine = TxModifiable ?? 0, theirs = other.TxModifiable ?? 0;
            int merged = (mine & theirs & ~0x04) | ((mine | theirs) & 0x04);
            TxModifiable = (byte)merged;
        }
        Proprietary.UnionWith(other.Proprietary);
        foreach (var (k, v) in other.Unknown) Unknown.AddIfAbsent(k, v);
        return true;
    }

    /// <summary>Core's MergeGlobalXPubs: adds the other PSBT's global keys not already present under any origin.</summary>
    public void MergeGlobalXpubs(PartiallySignedTransaction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (origin, xpubs) in other.Xpubs)
        {
            foreach (var xpub in xpubs)
            {
                if (Xpubs.Values.Any(set => set.Contains(xpub))) continue;
                if (!Xpubs.TryGetValue(origin, out var set)) Xpubs[origin] = set = [];
                set.Add(xpub);
            }
        }
    }

    /// <summary>
    /// Core's AddInput: appends an input of the same version, refusing a duplicate outpoint; version 2 also needs the
    /// inputs-modifiable flag and refuses an input whose lock time requirement would change a signed transaction's lock time.
    /// </summary>
    public bool AddInput(PsbtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != Version) return false;
        if (Inputs.Any(i => i.PrevTxid == input.PrevTxid && i.PrevOut == input.PrevOut)) return false;
        if (Version < 2)
        {
            var copy = input.Clone();
            copy.PartialSigs.Clear();
            copy.FinalScriptSig = Script.Empty;
            copy.FinalScriptWitness = [];
            Inputs.Add(copy);
            return true;
        }
        if (TxModifiable is not byte flags || (flags & 0x01) == 0) return false;
        if (input.TimeLocktime is not null || input.HeightLocktime is not null)
        {
            var oldTimelock = ComputeTimeLock();
            if (oldTimelock is null) return false;
            uint? timeLock = input.TimeLocktime, heightLock = input.HeightLocktime;
            bool hasSigs = false;
            foreach (var existing in Inputs)
            {
                if (existing.TimeLocktime is not null && existing.HeightLocktime is null)
                {
                    heightLock = null;
                    if (timeLock is null) return false;
                }
                else if (existing.TimeLocktime is null && existing.HeightLocktime is not null)
                {
                    timeLock = null;
                    if (heightLock is null) return false;
                }
                if (existing.TimeLocktime is uint t && timeLock is not null) timeLock = Math.Max(timeLock.Value, t);
                if (existing.HeightLocktime is uint h && heightLock is not null) heightLock = Math.Max(heightLock.Value, h);
                if (existing.HasSignatures) hasSigs = true;
            }
            uint newTimelock = FallbackLocktime ?? 0;
            if (heightLock is > 0) newTimelock = heightLock.Value;
            else if (timeLock is > 0) newTimelock = timeLock.Value;
            if (hasSigs && oldTimelock != newTimelock) return false;
        }
        Inputs.Add(input.Clone());
        return true;
    }

    /// <summary>Core's AddOutput: appends an output of the same version (version 2 needs the outputs-modifiable flag).</summary>
    public bool AddOutput(PsbtOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Version != Version) return false;
        if (Version >= 2 && (TxModifiable is not byte flags || (flags & 0x02) == 0)) return false;
        Outputs.Add(output.Clone());
        return true;
    }

    /// <summary>A deep copy (Core copies PSBTs by value).</summary>
    public PartiallySignedTransaction Clone()
    {
        var c = new PartiallySignedTransaction
        {
            _version = _version,
            TxModifiable = TxModifiable,
            TxVersion = TxVersion,
            FallbackLocktime = FallbackLocktime,
        };
        foreach (var (origin, set) in Xpubs) c.Xpubs[origin] = [.. set];
        c.Inputs.AddRange(Inputs.Select(i => i.Clone()));
        c.Outputs.AddRange(Outputs.Select(o => o.Clone()));
        foreach (var (k, v) in Unknown) c.Unknown[k] = v;
        c.Proprietary.UnionWith(Proprietary);
        return c;
    }
}
