using Bitcoin.Common.Psbt.Internal;
using NBitcoin;
using static Bitcoin.Common.Psbt.Internal.PsbtKeyTypes;

namespace Bitcoin.Common.Psbt;

// Core's PartiallySignedTransaction::Serialize / Unserialize.
public sealed partial class PartiallySignedTransaction
{
    /// <summary>Core's highest supported PSBT version.</summary>
    public const uint HighestVersion = 2;

    internal void Write(PsbtWriter w)
    {
        w.WriteRaw(Magic);
        if (Version < 2)
        {
            w.WriteKey(GlobalUnsignedTx);
            var tx = GetUnsignedTx() ?? throw new InvalidOperationException("A version 0 PSBT always has an unsigned transaction.");
            w.WriteBytes(PsbtTransactions.Serialize(tx, includeWitness: false));
        }
        foreach (var (origin, xpubs) in Xpubs)
        {
            foreach (var xpub in xpubs)
            {
                w.WriteKey(GlobalXpub, xpub.Encoded);
                KeyOrigins.WriteWithLength(w, origin);
            }
        }
        if (Version >= 2)
        {
            w.WriteKey(GlobalTxVersion);
            w.WriteBytes(PsbtWriter.UInt32Bytes(TxVersion));
            if (FallbackLocktime is uint fallback)
            {
                w.WriteKey(GlobalFallbackLocktime);
                w.WriteBytes(PsbtWriter.UInt32Bytes(fallback));
            }
            w.WriteKey(GlobalInputCount);
            w.WriteBytes(PsbtWriter.CompactSize((ulong)Inputs.Count));
            w.WriteKey(GlobalOutputCount);
            w.WriteBytes(PsbtWriter.CompactSize((ulong)Outputs.Count));
            if (TxModifiable is byte flags)
            {
                w.WriteKey(GlobalTxModifiable);
                w.WriteBytes([flags]);
            }
        }
        if (Version > 0)
        {
            w.WriteKey(GlobalVersion);
            w.WriteBytes(PsbtWriter.UInt32Bytes(Version));
        }
        PsbtMaps.WriteProprietary(w, Proprietary);
        PsbtMaps.WriteUnknown(w, Unknown);
        w.WriteByte(0);
        foreach (var input in Inputs) input.Write(w);
        foreach (var output in Outputs) output.Write(w);
    }

    internal static PartiallySignedTransaction Read(PsbtReader s)
    {
        if (!s.Take(5).SequenceEqual(Magic)) throw new PsbtFormatException("Invalid PSBT magic bytes");
        var psbt = new PartiallySignedTransaction();
        var seen = new HashSet<string>();
        bool foundSeparator = false;
        Transaction? tx = null;
        ulong inputCount = 0, outputCount = 0;
        bool foundInputCount = false, foundOutputCount = false, foundTxVersion = false, foundFallbackLocktime = false;
        while (!s.IsEmpty)
        {
            var key = PsbtMaps.ReadKey(s);
            if (key.Length == 0)
            {
                foundSeparator = true;
                break;
            }
            PsbtMaps.CheckDuplicate(seen, key, "global");
            var skey = new PsbtReader(key);
            ulong type = skey.ReadCompactSize();
            switch (type)
            {
                case GlobalUnsignedTx:
                {
                    PsbtMaps.ExpectKeySize("Global Unsigned TX", key, 1);
                    var unsigned = s.ReadSized(r => PsbtTransactions.Read(r, allowWitness: false));
                    foreach (var input in unsigned.Inputs)
                    {
                        if (input.ScriptSig.Length != 0 || input.WitScript.PushCount != 0)
                            throw new PsbtFormatException("Unsigned tx does not have empty scriptSigs and scriptWitnesses.");
                    }
                    tx = unsigned;
                    psbt.TxVersion = unsigned.Version;
                    psbt.FallbackLocktime = unsigned.LockTime.Value;
                    inputCount = (ulong)unsigned.Inputs.Count;
                    outputCount = (ulong)unsigned.Outputs.Count;
                    break;
                }
                case GlobalTxVersion:
                    PsbtMaps.ExpectKeySize("Global Transaction Version", key, 1);
                    psbt.TxVersion = s.ReadSized(r => r.ReadUInt32());
                    foundTxVersion = true;
                    break;
                case GlobalFallbackLocktime:
                    PsbtMaps.ExpectKeySize("Global Fallback Locktime", key, 1);
                    psbt.FallbackLocktime = s.ReadSized(r => r.ReadUInt32());
                    foundFallbackLocktime = true;
                    break;
                case GlobalInputCount:
                    PsbtMaps.ExpectKeySize("Global Input Count", key, 1);
                    inputCount = s.ReadSized(r => r.ReadCompactSize());
                    foundInputCount = true;
                    break;
                case GlobalOutputCount:
                    PsbtMaps.ExpectKeySize("Global Output Count", key, 1);
                    outputCount = s.ReadSized(r => r.ReadCompactSize());
                    foundOutputCount = true;
                    break;
                case GlobalTxModifiable:
                    PsbtMaps.ExpectKeySize("Global TX Modifiable Flags", key, 1);
                    psbt.TxModifiable = s.ReadSized(r => r.ReadByte());
                    break;
                case GlobalXpub:
                {
                    PsbtMaps.ExpectKeySize("Global XPUB", key, 79);
                    if (!PsbtXpub.TryParse(key.AsSpan(1), out var xpub)) throw new PsbtFormatException("Invalid pubkey");
                    var origin = KeyOrigins.ReadWithLength(s);
                    if (!psbt.Xpubs.TryGetValue(origin, out var set)) psbt.Xpubs[origin] = set = [];
                    set.Add(xpub);
                    break;
                }
                case GlobalVersion:
                {
                    PsbtMaps.ExpectKeySize("Global PSBT Version", key, 1);
                    uint v = s.ReadSized(r => r.ReadUInt32());
                    psbt._version = v;
                    if (v > HighestVersion) throw new PsbtFormatException("Unsupported version number");
                    break;
                }
                case GlobalProprietary:
                    psbt.Proprietary.Add(PsbtMaps.ReadProprietary(key, skey, s));
                    break;
                default:
                    psbt.Unknown.AddIfAbsent(key, s.ReadBytes());
                    break;
            }
        }
        if (!foundSeparator) throw new PsbtFormatException("Separator is missing at the end of the global map");

        uint version = psbt.Version;
        if (version == 0)
        {
            if (tx is null) throw new PsbtFormatException("No unsigned transaction was provided");
            if (foundTxVersion) throw new PsbtFormatException("PSBT_GLOBAL_TX_VERSION is not allowed in PSBTv0");
            if (foundFallbackLocktime) throw new PsbtFormatException("PSBT_GLOBAL_FALLBACK_LOCKTIME is not allowed in PSBTv0");
            if (foundInputCount) throw new PsbtFormatException("PSBT_GLOBAL_INPUT_COUNT is not allowed in PSBTv0");
            if (foundOutputCount) throw new PsbtFormatException("PSBT_GLOBAL_OUTPUT_COUNT is not allowed in PSBTv0");
            if (psbt.TxModifiable is not null) throw new PsbtFormatException("PSBT_GLOBAL_TX_MODIFIABLE is not allowed in PSBTv0");
        }
        if (version == 1) throw new PsbtFormatException("There is no PSBT version 1");
        if (version == 2)
        {
            if (!foundTxVersion) throw new PsbtFormatException("PSBT_GLOBAL_TX_VERSION is required in PSBTv2");
            if (!foundInputCount) throw new PsbtFormatException("PSBT_GLOBAL_INPUT_COUNT is required in PSBTv2");
            if (!foundOutputCount) throw new PsbtFormatException("PSBT_GLOBAL_OUTPUT_COUNT is required in PSBTv2");
            if (tx is not null) throw new PsbtFormatException("PSBT_GLOBAL_UNSIGNED_TX is not allowed in PSBTv2");
        }
        if (version > 2) throw new PsbtFormatException("Unknown PSBT version");

        ulong i = 0;
        while (!s.IsEmpty && i < inputCount)
        {
            PsbtInput input;
            if (version < 2)
            {
                var txin = tx!.Inputs[(int)i];
                input = new PsbtInput(version, txin.PrevOut.Hash, txin.PrevOut.N, txin.Sequence.Value);
            }
            else
            {
                input = new PsbtInput(version, uint256.Zero, 0);
            }
            psbt.Inputs.Add(input);
            input.Read(s);
            if (input.NonWitnessUtxo is { } prevTx)
            {
                if (PsbtTransactions.TxId(prevTx) != input.PrevTxid) throw new PsbtFormatException("Non-witness UTXO does not match outpoint hash");
                if (input.PrevOut >= prevTx.Outputs.Count) throw new PsbtFormatException("Input specifies output index that does not exist");
            }
            i++;
        }
        if ((ulong)psbt.Inputs.Count != inputCount)
            throw new PsbtFormatException("Inputs provided does not match the number of inputs in transaction.");

        i = 0;
        while (!s.IsEmpty && i < outputCount)
        {
            PsbtOutput output;
            if (version < 2)
            {
                var txout = tx!.Outputs[(int)i];
                output = new PsbtOutput(version, txout.Value.Satoshi, txout.ScriptPubKey);
            }
            else
            {
                output = new PsbtOutput(version, 0, Script.Empty);
            }
            psbt.Outputs.Add(output);
            output.Read(s);
            i++;
        }
        if ((ulong)psbt.Outputs.Count != outputCount)
            throw new PsbtFormatException("Outputs provided does not match the number of outputs in transaction.");
        return psbt;
    }
}
