namespace Bitcoin.Common.Psbt.Internal;

/// <summary>The key types of BIP 174 / BIP 370 / BIP 371 / BIP 373 that Core knows (psbt.h).</summary>
internal static class PsbtKeyTypes
{
    /// <summary>"psbt" and 0xff.</summary>
    public static ReadOnlySpan<byte> Magic => [0x70, 0x73, 0x62, 0x74, 0xff];

    public const byte GlobalUnsignedTx = 0x00;
    public const byte GlobalXpub = 0x01;
    public const byte GlobalTxVersion = 0x02;
    public const byte GlobalFallbackLocktime = 0x03;
    public const byte GlobalInputCount = 0x04;
    public const byte GlobalOutputCount = 0x05;
    public const byte GlobalTxModifiable = 0x06;
    public const byte GlobalVersion = 0xFB;
    public const byte GlobalProprietary = 0xFC;

    public const byte InNonWitnessUtxo = 0x00;
    public const byte InWitnessUtxo = 0x01;
    public const byte InPartialSig = 0x02;
    public const byte InSighash = 0x03;
    public const byte InRedeemScript = 0x04;
    public const byte InWitnessScript = 0x05;
    public const byte InBip32Derivation = 0x06;
    public const byte InScriptSig = 0x07;
    public const byte InScriptWitness = 0x08;
    public const byte InRipemd160 = 0x0A;
    public const byte InSha256 = 0x0B;
    public const byte InHash160 = 0x0C;
    public const byte InHash256 = 0x0D;
    public const byte InPreviousTxid = 0x0E;
    public const byte InOutputIndex = 0x0F;
    public const byte InSequence = 0x10;
    public const byte InRequiredTimeLocktime = 0x11;
    public const byte InRequiredHeightLocktime = 0x12;
    public const byte InTapKeySig = 0x13;
    public const byte InTapScriptSig = 0x14;
    public const byte InTapLeafScript = 0x15;
    public const byte InTapBip32Derivation = 0x16;
    public const byte InTapInternalKey = 0x17;
    public const byte InTapMerkleRoot = 0x18;
    public const byte InMusig2ParticipantPubkeys = 0x1a;
    public const byte InMusig2PubNonce = 0x1b;
    public const byte InMusig2PartialSig = 0x1c;
    public const byte InProprietary = 0xFC;

    public const byte OutRedeemScript = 0x00;
    public const byte OutWitnessScript = 0x01;
    public const byte OutBip32Derivation = 0x02;
    public const byte OutAmount = 0x03;
    public const byte OutScript = 0x04;
    public const byte OutTapInternalKey = 0x05;
    public const byte OutTapTree = 0x06;
    public const byte OutTapBip32Derivation = 0x07;
    public const byte OutMusig2ParticipantPubkeys = 0x08;
    public const byte OutProprietary = 0xFC;

    /// <summary>Core's LOCKTIME_THRESHOLD: lock times below it are heights.</summary>
    public const uint LocktimeThreshold = 500_000_000;

    /// <summary>Core's TAPROOT_CONTROL_MAX_NODE_COUNT.</summary>
    public const int TaprootControlMaxNodeCount = 128;

    /// <summary>Core's TAPROOT_LEAF_MASK.</summary>
    public const byte TaprootLeafMask = 0xfe;

    /// <summary>Core's MUSIG2_PUBNONCE_SIZE.</summary>
    public const int Musig2PubNonceSize = 66;
}
