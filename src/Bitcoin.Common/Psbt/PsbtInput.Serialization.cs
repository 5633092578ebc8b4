using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats.Internal;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;
using static Bitcoin.Common.Psbt.Internal.PsbtKeyTypes;

namespace Bitcoin.Common.Psbt;

// Core's PSBTInput::Serialize / Unserialize, field by field and with Core's error messages.
public sealed partial class PsbtInput
{
    internal void Write(PsbtWriter w)
    {
        if (NonWitnessUtxo is not null)
        {
            w.WriteKey(InNonWitnessUtxo);
            w.WriteBytes(PsbtTransactions.Serialize(NonWitnessUtxo, includeWitness: false));
        }
        if (WitnessUtxo is not null)
        {
            w.WriteKey(InWitnessUtxo);
            var o = new PsbtWriter();
            PsbtTransactions.WriteTxOut(o, WitnessUtxo);
            w.WriteBytes(o.ToArray());
        }

        if (!IsSigned)
        {
            foreach (var (_, (pubkey, sig)) in PartialSigs)
            {
                w.WriteKey(InPartialSig, pubkey.ToBytes());
                w.WriteBytes(sig);
            }
            if (SighashType is int sighash)
            {
                w.WriteKey(InSighash);
                w.WriteBytes(PsbtWriter.UInt32Bytes(unchecked((uint)sighash)));
            }
            if (RedeemScript.Length != 0)
            {
                w.WriteKey(InRedeemScript);
                w.WriteBytes(RedeemScript.ToBytes(true));
            }
            if (WitnessScript.Length != 0)
            {
                w.WriteKey(InWitnessScript);
                w.WriteBytes(WitnessScript.ToBytes(true));
            }
            foreach (var (pubkey, origin) in HdKeypaths)
            {
                w.WriteKey(InBip32Derivation, pubkey.ToBytes());
                KeyOrigins.WriteWithLength(w, origin);
            }
            WritePreimages(w, InRipemd160, Ripemd160Preimages);
            WritePreimages(w, InSha256, Sha256Preimages);
            WritePreimages(w, InHash160, Hash160Preimages);
            WritePreimages(w, InHash256, Hash256Preimages);
            if (TapKeySig.Length != 0)
            {
                w.WriteKey(InTapKeySig);
                w.WriteBytes(TapKeySig);
            }
            foreach (var ((xonly, leafHash), sig) in TapScriptSigs)
            {
                w.WriteKey(InTapScriptSig, [.. xonly.Bytes, .. leafHash.ToBytes()]);
                w.WriteBytes(sig);
            }
            foreach (var (leaf, controlBlocks) in TapScripts)
            {
                foreach (var controlBlock in controlBlocks)
                {
                    w.WriteKey(InTapLeafScript, controlBlock);
                    w.WriteBytes([.. leaf.Script, (byte)leaf.LeafVersion]);
                }
            }
            foreach (var (xonly, (leafHashes, origin)) in TapBip32Paths)
            {
                w.WriteKey(InTapBip32Derivation, xonly.Bytes);
                w.WriteBytes(KeyOrigins.TaprootValue(leafHashes, origin));
            }
            if (!TapInternalKey.IsNull)
            {
                w.WriteKey(InTapInternalKey);
                w.WriteBytes(TapInternalKey.Bytes);
            }
            if (TapMerkleRoot != uint256.Zero)
            {
                w.WriteKey(InTapMerkleRoot);
                w.WriteBytes(TapMerkleRoot.ToBytes());
            }
            foreach (var (aggregate, participants) in Musig2Participants)
            {
                w.WriteKey(InMusig2ParticipantPubkeys, aggregate.ToBytes());
                w.WriteBytes(participants.SelectMany(p => p.ToBytes()).ToArray());
            }
            foreach (var ((aggregate, leafHash), nonces) in Musig2PubNonces)
            {
                foreach (var (participant, nonce) in nonces)
                {
                    w.WriteKey(InMusig2PubNonce, ParticipantKey(participant, aggregate, leafHash));
                    w.WriteBytes(nonce);
                }
            }
            foreach (var ((aggregate, leafHash), sigs) in Musig2PartialSigs)
            {
                foreach (var (participant, sig) in sigs)
                {
                    w.WriteKey(InMusig2PartialSig, ParticipantKey(participant, aggregate, leafHash));
                    w.WriteBytes(sig);
                }
            }
        }

        if (FinalScriptSig.Length != 0)
        {
            w.WriteKey(InScriptSig);
            w.WriteBytes(FinalScriptSig.ToBytes(true));
        }
        if (FinalScriptWitness.Count != 0)
        {
            w.WriteKey(InScriptWitness);
            var stack = new PsbtWriter();
            stack.WriteCompactSize((ulong)FinalScriptWitness.Count);
            foreach (var item in FinalScriptWitness) stack.WriteBytes(item);
            w.WriteBytes(stack.ToArray());
        }

        if (Version >= 2)
        {
            w.WriteKey(InPreviousTxid);
            w.WriteBytes(PrevTxid.ToBytes());
            w.WriteKey(InOutputIndex);
            w.WriteBytes(PsbtWriter.UInt32Bytes(PrevOut));
            if (Sequence is uint sequence)
            {
                w.WriteKey(InSequence);
                w.WriteBytes(PsbtWriter.UInt32Bytes(sequence));
            }
            if (TimeLocktime is uint time)
            {
                w.WriteKey(InRequiredTimeLocktime);
                w.WriteBytes(PsbtWriter.UInt32Bytes(time));
            }
            if (HeightLocktime is uint height)
            {
                w.WriteKey(InRequiredHeightLocktime);
                w.WriteBytes(PsbtWriter.UInt32Bytes(height));
            }
        }

        PsbtMaps.WriteProprietary(w, Proprietary);
        PsbtMaps.WriteUnknown(w, Unknown);
        w.WriteByte(0);
    }

    private static byte[] ParticipantKey(PubKey participant, PubKey aggregate, uint256 leafHash) =>
        leafHash == uint256.Zero ? [.. participant.ToBytes(), .. aggregate.ToBytes()] : [.. participant.ToBytes(), .. aggregate.ToBytes(), .. leafHash.ToBytes()];

    private static void WritePreimages(PsbtWriter w, byte type, SortedDictionary<byte[], byte[]> preimages)
    {
        foreach (var (hash, preimage) in preimages)
        {
            w.WriteKey(type, hash);
            w.WriteBytes(preimage);
        }
    }

    /// <summary>Reads the input's map; the outpoint must already be set for version 0.</summary>
    internal void Read(PsbtReader s)
    {
        var seen = new HashSet<string>();
        bool foundPrevTxid = false, foundPrevOut = false, foundSeparator = false;
        while (!s.IsEmpty)
        {
            var key = PsbtMaps.ReadKey(s);
            if (key.Length == 0)
            {
                foundSeparator = true;
                break;
            }
            PsbtMaps.CheckDuplicate(seen, key, "input");
            var skey = new PsbtReader(key);
            ulong type = skey.ReadCompactSize();
            switch (type)
            {
                case InNonWitnessUtxo:
                    PsbtMaps.ExpectKeySize("Input Non-witness UTXO", key, 1);
                    NonWitnessUtxo = s.ReadSized(r => PsbtTransactions.Read(r, allowWitness: true));
                    break;
                case InWitnessUtxo:
                {
                    PsbtMaps.ExpectKeySize("Input Witness UTXO", key, 1);
                    var utxo = s.ReadSized(PsbtTransactions.ReadTxOut);
                    // Core's CTxOut with value -1 is "null": it is as if the field were not there.
                    WitnessUtxo = utxo.Value.Satoshi == -1 ? null : utxo;
                    break;
                }
                case InPartialSig:
                {
                    if (key.Length != 66 && key.Length != 34)
                        throw new PsbtFormatException("Size of key was not the expected size for the type partial signature pubkey");
                    if (!PsbtMaps.TryParseFullyValid(key.AsSpan(1), out var pubkey)) throw new PsbtFormatException("Invalid pubkey");
                    var sig = s.ReadBytes();
                    if (sig.Length == 0 || !SignatureEncoding.IsValidSignatureEncoding(sig) || !SignatureEncoding.IsDefinedHashtype(sig))
                        throw new PsbtFormatException("Signature is not a valid encoding");
                    PartialSigs.AddIfAbsent(pubkey.Hash, (pubkey, sig));
                    break;
                }
                case InSighash:
                    PsbtMaps.ExpectKeySize("Input Sighash Type", key, 1);
                    SighashType = s.ReadSized(r => r.ReadInt32());
                    break;
                case InRedeemScript:
                    PsbtMaps.ExpectKeySize("Input redeemScript", key, 1);
                    RedeemScript = Script.FromBytesUnsafe(s.ReadBytes());
                    break;
                case InWitnessScript:
                    PsbtMaps.ExpectKeySize("Input witnessScript", key, 1);
                    WitnessScript = Script.FromBytesUnsafe(s.ReadBytes());
                    break;
                case InBip32Derivation:
                    ReadHdKeypath(s, key, HdKeypaths);
                    break;
                case InScriptSig:
                    PsbtMaps.ExpectKeySize("Input Final scriptSig", key, 1);
                    FinalScriptSig = Script.FromBytesUnsafe(s.ReadBytes());
                    break;
                case InScriptWitness:
                    PsbtMaps.ExpectKeySize("Input Final scriptWitness", key, 1);
                    FinalScriptWitness = s.ReadSized(r =>
                    {
                        ulong n = r.ReadCompactSize();
                        var stack = new List<byte[]>();
                        for (ulong i = 0; i < n; i++) stack.Add(r.ReadBytes());
                        return stack;
                    });
                    break;
                case InRipemd160:
                    PsbtMaps.ExpectKeySize("Input RIPEMD160 Preimage", key, 21);
                    Ripemd160Preimages.AddIfAbsent(key[1..], s.ReadBytes());
                    break;
                case InSha256:
                    PsbtMaps.ExpectKeySize("Input SHA256 Preimage", key, 33);
                    Sha256Preimages.AddIfAbsent(key[1..], s.ReadBytes());
                    break;
                case InHash160:
                    PsbtMaps.ExpectKeySize("Input Hash160 Preimage", key, 21);
                    Hash160Preimages.AddIfAbsent(key[1..], s.ReadBytes());
                    break;
                case InHash256:
                    PsbtMaps.ExpectKeySize("Input Hash256 Preimage", key, 33);
                    Hash256Preimages.AddIfAbsent(key[1..], s.ReadBytes());
                    break;
                case InPreviousTxid:
                    PsbtMaps.ExpectKeySize("Input Previous TXID", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Previous txid is not allowed in PSBTv0");
                    PrevTxid = s.ReadSized(r => new uint256(r.Take(32).ToArray()));
                    foundPrevTxid = true;
                    break;
                case InOutputIndex:
                    PsbtMaps.ExpectKeySize("Input Previous Output's Index", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Previous output's index is not allowed in PSBTv0");
                    PrevOut = s.ReadSized(r => r.ReadUInt32());
                    foundPrevOut = true;
                    break;
                case InSequence:
                    PsbtMaps.ExpectKeySize("Input Sequence", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Sequence is not allowed in PSBTv0");
                    Sequence = s.ReadSized(r => r.ReadUInt32());
                    break;
                case InRequiredTimeLocktime:
                    PsbtMaps.ExpectKeySize("Input Required Time Based Locktime", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Required time based locktime is not allowed in PSBTv0");
                    TimeLocktime = s.ReadSized(r => r.ReadUInt32());
                    if (TimeLocktime < LocktimeThreshold)
                        throw new PsbtFormatException("Required time based locktime is invalid (less than 500000000)");
                    break;
                case InRequiredHeightLocktime:
                    PsbtMaps.ExpectKeySize("Input Required Height Based Locktime", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Required height based locktime is not allowed in PSBTv0");
                    HeightLocktime = s.ReadSized(r => r.ReadUInt32());
                    if (HeightLocktime >= LocktimeThreshold)
                        throw new PsbtFormatException("Required height based locktime is invalid (greater than or equal to 500000000)");
                    if (HeightLocktime == 0) throw new PsbtFormatException("Required height based locktime is invalid (0)");
                    break;
                case InTapKeySig:
                    PsbtMaps.ExpectKeySize("Input Taproot Key Path Signature", key, 1);
                    TapKeySig = s.ReadBytes();
                    if (TapKeySig.Length < 64) throw new PsbtFormatException("Input Taproot key path signature is shorter than 64 bytes");
                    if (TapKeySig.Length > 65) throw new PsbtFormatException("Input Taproot key path signature is longer than 65 bytes");
                    break;
                case InTapScriptSig:
                {
                    PsbtMaps.ExpectKeySize("Input Taproot Script Path Signature", key, 65);
                    var xonly = new XOnlyPubKey(key.AsSpan(1, 32));
                    var leafHash = new uint256(key.AsSpan(33, 32).ToArray());
                    var sig = s.ReadBytes();
                    if (sig.Length < 64) throw new PsbtFormatException("Input Taproot script path signature is shorter than 64 bytes");
                    if (sig.Length > 65) throw new PsbtFormatException("Input Taproot script path signature is longer than 65 bytes");
                    TapScriptSigs.AddIfAbsent((xonly, leafHash), sig);
                    break;
                }
                case InTapLeafScript:
                {
                    if (key.Length < 34) throw new PsbtFormatException("Input Taproot leaf script key is not at least 34 bytes");
                    if ((key.Length - 2) % 32 != 0) throw new PsbtFormatException("Input Taproot leaf script key's control block size is not valid");
                    var scriptAndVersion = s.ReadBytes();
                    if (scriptAndVersion.Length == 0) throw new PsbtFormatException("Input Taproot leaf script must be at least 1 byte");
                    var leaf = new TaprootLeafKey(scriptAndVersion.AsSpan(0, scriptAndVersion.Length - 1), scriptAndVersion[^1]);
                    if (!TapScripts.TryGetValue(leaf, out var blocks)) TapScripts[leaf] = blocks = TaprootSpendData.NewControlBlockSet();
                    blocks.Add(key[1..]);
                    break;
                }
                case InTapBip32Derivation:
                {
                    PsbtMaps.ExpectKeySize("Input Taproot BIP32 Keypath", key, 33);
                    var xonly = new XOnlyPubKey(key.AsSpan(1, 32));
                    var value = KeyOrigins.ReadTaprootValue(s, "Input");
                    TapBip32Paths.AddIfAbsent(xonly, value);
                    break;
                }
                case InTapInternalKey:
                    PsbtMaps.ExpectKeySize("Input Taproot Internal Key", key, 1);
                    TapInternalKey = s.ReadSized(r => new XOnlyPubKey(r.Take(32)));
                    break;
                case InTapMerkleRoot:
                    PsbtMaps.ExpectKeySize("Input Taproot Merkle Root", key, 1);
                    TapMerkleRoot = s.ReadSized(r => new uint256(r.Take(32).ToArray()));
                    break;
                case InMusig2ParticipantPubkeys:
                    PsbtMaps.ExpectKeySize("Input MuSig2 Participants Pubkeys", key, 34);
                    ReadMusig2Participants(s, skey, Musig2Participants, "Input");
                    break;
                case InMusig2PubNonce:
                {
                    if (key.Length != 67 && key.Length != 99)
                        throw new PsbtFormatException("Input musig2 pubnonce key is not expected size of 67 or 99 bytes");
                    var (aggregate, participant, leafHash) = ReadParticipantIdentifier(skey);
                    var nonce = s.ReadBytes();
                    if (nonce.Length != Musig2PubNonceSize) throw new PsbtFormatException("Input musig2 pubnonce value is not 66 bytes");
                    NestedAdd(Musig2PubNonces, (aggregate, leafHash), participant, nonce);
                    break;
                }
                case InMusig2PartialSig:
                {
                    if (key.Length != 67 && key.Length != 99)
                        throw new PsbtFormatException("Input musig2 partial sig key is not expected size of 67 or 99 bytes");
                    var (aggregate, participant, leafHash) = ReadParticipantIdentifier(skey);
                    var sig = s.ReadSized(r => r.Take(32).ToArray());
                    NestedAdd(Musig2PartialSigs, (aggregate, leafHash), participant, sig);
                    break;
                }
                case InProprietary:
                    Proprietary.Add(PsbtMaps.ReadProprietary(key, skey, s));
                    break;
                default:
                    Unknown.AddIfAbsent(key, s.ReadBytes());
                    break;
            }
        }
        if (!foundSeparator) throw new PsbtFormatException("Separator is missing at the end of an input map");
        if (Version >= 2)
        {
            if (!foundPrevTxid) throw new PsbtFormatException("Previous TXID is required in PSBTv2");
            if (!foundPrevOut) throw new PsbtFormatException("Previous output's index is required in PSBTv2");
        }
    }

    /// <summary>Core's DeserializeHDKeypaths for one record.</summary>
    internal static void ReadHdKeypath(PsbtReader s, byte[] key, SortedDictionary<PubKey, KeyOriginInfo> into)
    {
        if (key.Length != 66 && key.Length != 34)
            throw new PsbtFormatException("Size of key was not the expected size for the type BIP32 keypath");
        if (!PsbtMaps.TryParseFullyValid(key.AsSpan(1), out var pubkey)) throw new PsbtFormatException("Invalid pubkey");
        var origin = KeyOrigins.ReadWithLength(s);
        into.AddIfAbsent(pubkey, origin);
    }

    /// <summary>Core's DeserializeMuSig2ParticipantPubkeys.</summary>
    internal static void ReadMusig2Participants(PsbtReader s, PsbtReader skey, SortedDictionary<PubKey, List<PubKey>> into, string context)
    {
        if (!PsbtMaps.TryParseFullyValid(skey.Take(33), out var aggregate) || !aggregate.IsCompressed)
            throw new PsbtFormatException(context + " musig2 aggregate pubkey is invalid");
        var value = s.ReadBytes();
        var participants = new List<PubKey>();
        int pos = 0;
        while (value.Length - pos >= 33)
        {
            if (!PsbtMaps.TryParseFullyValid(value.AsSpan(pos, 33), out var participant) || !participant.IsCompressed)
                throw new PsbtFormatException(context + " musig2 participant pubkey is invalid");
            participants.Add(participant);
            pos += 33;
        }
        if (pos != value.Length) throw new PsbtFormatException(context + " musig2 participants pubkeys value size is not a multiple of 33");
        into.AddIfAbsent(aggregate, participants);
    }

    // Core's DeserializeMuSig2ParticipantDataIdentifier: participant key, aggregate key, then an optional leaf hash.
    private static (PubKey Aggregate, PubKey Participant, uint256 LeafHash) ReadParticipantIdentifier(PsbtReader skey)
    {
        var participantBytes = skey.Take(33).ToArray();
        var aggregateBytes = skey.Take(33).ToArray();
        if (!PsbtMaps.TryParseFullyValid(aggregateBytes, out var aggregate) || !aggregate.IsCompressed)
            throw new PsbtFormatException("musig2 aggregate pubkey is invalid");
        if (!PsbtMaps.TryParseFullyValid(participantBytes, out var participant) || !participant.IsCompressed)
            throw new PsbtFormatException("musig2 participant pubkey is invalid");
        var leafHash = skey.IsEmpty ? uint256.Zero : new uint256(skey.Take(32).ToArray());
        return (aggregate, participant, leafHash);
    }

    private static void NestedAdd(SortedDictionary<(PubKey Aggregate, uint256 LeafHash), SortedDictionary<PubKey, byte[]>> map,
        (PubKey, uint256) key, PubKey participant, byte[] value)
    {
        if (!map.TryGetValue(key, out var inner)) map[key] = inner = new SortedDictionary<PubKey, byte[]>(ByteComparers.PubKey);
        inner.AddIfAbsent(participant, value);
    }
}
