using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;
using static Bitcoin.Common.Psbt.Internal.PsbtKeyTypes;

namespace Bitcoin.Common.Psbt;

// Core's PSBTOutput::Serialize / Unserialize.
public sealed partial class PsbtOutput
{
    internal void Write(PsbtWriter w)
    {
        if (RedeemScript.Length != 0)
        {
            w.WriteKey(OutRedeemScript);
            w.WriteBytes(RedeemScript.ToBytes(true));
        }
        if (WitnessScript.Length != 0)
        {
            w.WriteKey(OutWitnessScript);
            w.WriteBytes(WitnessScript.ToBytes(true));
        }
        foreach (var (pubkey, origin) in HdKeypaths)
        {
            w.WriteKey(OutBip32Derivation, pubkey.ToBytes());
            KeyOrigins.WriteWithLength(w, origin);
        }
        if (Version >= 2)
        {
            w.WriteKey(OutAmount);
            var amount = new PsbtWriter();
            amount.WriteInt64(Amount);
            w.WriteBytes(amount.ToArray());
            w.WriteKey(OutScript);
            w.WriteBytes(Script.ToBytes(true));
        }
        // Core writes proprietary records before the taproot fields in outputs (unlike inputs).
        PsbtMaps.WriteProprietary(w, Proprietary);
        if (!TapInternalKey.IsNull)
        {
            w.WriteKey(OutTapInternalKey);
            w.WriteBytes(TapInternalKey.Bytes);
        }
        if (TapTree.Count != 0)
        {
            w.WriteKey(OutTapTree);
            var tree = new PsbtWriter();
            foreach (var (depth, leafVersion, script) in TapTree)
            {
                tree.WriteByte(depth);
                tree.WriteByte(leafVersion);
                tree.WriteBytes(script);
            }
            w.WriteBytes(tree.ToArray());
        }
        foreach (var (xonly, (leafHashes, origin)) in TapBip32Paths)
        {
            w.WriteKey(OutTapBip32Derivation, xonly.Bytes);
            w.WriteBytes(KeyOrigins.TaprootValue(leafHashes, origin));
        }
        foreach (var (aggregate, participants) in Musig2Participants)
        {
            w.WriteKey(OutMusig2ParticipantPubkeys, aggregate.ToBytes());
            w.WriteBytes(participants.SelectMany(p => p.ToBytes()).ToArray());
        }
        PsbtMaps.WriteUnknown(w, Unknown);
        w.WriteByte(0);
    }

    internal void Read(PsbtReader s)
    {
        var seen = new HashSet<string>();
        bool foundAmount = false, foundScript = false, foundSeparator = false;
        while (!s.IsEmpty)
        {
            var key = PsbtMaps.ReadKey(s);
            if (key.Length == 0)
            {
                foundSeparator = true;
                break;
            }
            PsbtMaps.CheckDuplicate(seen, key, "output");
            var skey = new PsbtReader(key);
            ulong type = skey.ReadCompactSize();
            switch (type)
            {
                case OutRedeemScript:
                    PsbtMaps.ExpectKeySize("Output redeemScript", key, 1);
                    RedeemScript = Script.FromBytesUnsafe(s.ReadBytes());
                    break;
                case OutWitnessScript:
                    PsbtMaps.ExpectKeySize("Output witnessScript", key, 1);
                    WitnessScript = Script.FromBytesUnsafe(s.ReadBytes());
                    break;
                case OutBip32Derivation:
                    PsbtInput.ReadHdKeypath(s, key, HdKeypaths);
                    break;
                case OutAmount:
                    PsbtMaps.ExpectKeySize("Output Amount", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Output amount is not allowed in PSBTv0");
                    Amount = s.ReadSized(r => r.ReadInt64());
                    foundAmount = true;
                    break;
                case OutScript:
                    PsbtMaps.ExpectKeySize("Output Script", key, 1);
                    if (Version < 2) throw new PsbtFormatException("Output script is not allowed in PSBTv0");
                    Script = Script.FromBytesUnsafe(s.ReadBytes());
                    foundScript = true;
                    break;
                case OutTapInternalKey:
                    PsbtMaps.ExpectKeySize("Output Taproot Internal Key", key, 1);
                    TapInternalKey = s.ReadSized(r => new XOnlyPubKey(r.Take(32)));
                    break;
                case OutTapTree:
                {
                    PsbtMaps.ExpectKeySize("Output Taproot Tree Key", key, 1);
                    var treeBytes = s.ReadBytes();
                    var tree = new PsbtReader(treeBytes);
                    if (tree.IsEmpty) throw new PsbtFormatException("Output Taproot tree must not be empty");
                    var builder = new TaprootTreeBuilder();
                    var leaves = new List<(byte, byte, byte[])>();
                    while (!tree.IsEmpty)
                    {
                        byte depth = tree.ReadByte();
                        byte leafVersion = tree.ReadByte();
                        var script = tree.ReadBytes();
                        if (depth > TaprootControlMaxNodeCount)
                            throw new PsbtFormatException("Output Taproot tree has as leaf greater than Taproot maximum depth");
                        if ((leafVersion & ~TaprootLeafMask) != 0)
                            throw new PsbtFormatException("Output Taproot tree has a leaf with an invalid leaf version");
                        leaves.Add((depth, leafVersion, script));
                        builder.Add(depth, script, leafVersion, track: true);
                    }
                    if (!builder.IsComplete) throw new PsbtFormatException("Output Taproot tree is malformed");
                    TapTree = leaves;
                    break;
                }
                case OutTapBip32Derivation:
                {
                    PsbtMaps.ExpectKeySize("Output Taproot BIP32 Keypath", key, 33);
                    var xonly = new XOnlyPubKey(key.AsSpan(1, 32));
                    TapBip32Paths.AddIfAbsent(xonly, KeyOrigins.ReadTaprootValue(s, "Output"));
                    break;
                }
                case OutMusig2ParticipantPubkeys:
                    PsbtMaps.ExpectKeySize("Output MuSig2 Participants Pubkeys", key, 34);
                    PsbtInput.ReadMusig2Participants(s, skey, Musig2Participants, "Output");
                    break;
                case OutProprietary:
                    Proprietary.Add(PsbtMaps.ReadProprietary(key, skey, s));
                    break;
                default:
                    Unknown.AddIfAbsent(key, s.ReadBytes());
                    break;
            }
        }
        if (!foundSeparator) throw new PsbtFormatException("Separator is missing at the end of an output map");
        if (Version >= 2)
        {
            if (!foundAmount) throw new PsbtFormatException("Output amount is required in PSBTv2");
            if (!foundScript) throw new PsbtFormatException("Output script is required in PSBTv2");
        }
    }
}
