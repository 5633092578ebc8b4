using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>BIP341 leaf, branch and tweak computations.</summary>
internal static class TaprootHashes
{
    public const int LeafTapscript = 0xc0;
    public const int LeafMask = 0xfe;
    public const int ControlBaseSize = 33;
    public const int ControlNodeSize = 32;
    public const int ControlMaxNodeCount = 128;
    public const int ControlMaxSize = ControlBaseSize + ControlNodeSize * ControlMaxNodeCount;

    /// <summary>TapLeaf hash: tagged hash of leaf version, compact-size script length, script.</summary>
    public static byte[] LeafHash(int leafVersion, ReadOnlySpan<byte> script)
    {
        var ms = new MemoryStream();
        ms.WriteByte((byte)leafVersion);
        WriteCompactSize(ms, (ulong)script.Length);
        ms.Write(script);
        return CoreHashes.Tagged("TapLeaf", ms.ToArray());
    }

    /// <summary>TapBranch hash of two children, smaller first.</summary>
    public static byte[] BranchHash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        => a.SequenceCompareTo(b) < 0 ? CoreHashes.Tagged("TapBranch", [.. a, .. b]) : CoreHashes.Tagged("TapBranch", [.. b, .. a]);

    /// <summary>The Merkle root implied by a control block for a leaf (Core's ComputeTaprootMerkleRoot).</summary>
    public static byte[] MerkleRootFromControl(ReadOnlySpan<byte> control, byte[] leafHash)
    {
        int pathLen = (control.Length - ControlBaseSize) / ControlNodeSize;
        byte[] k = leafHash;
        for (int i = 0; i < pathLen; i++)
        {
            k = BranchHash(k, control.Slice(ControlBaseSize + ControlNodeSize * i, ControlNodeSize));
        }
        return k;
    }

    /// <summary>
    /// Core's XOnlyPubKey::CreateTapTweak: the output key and its Y parity for an internal key and optional Merkle
    /// root; false if the internal key is not on the curve.
    /// </summary>
    public static bool TryTweak(XOnlyPubKey internalKey, byte[]? merkleRoot, out XOnlyPubKey outputKey, out bool parity)
    {
        outputKey = default;
        parity = false;
        if (!TaprootInternalPubKey.TryCreate(internalKey.Bytes.ToArray(), out var key)) return false;
        var full = key.GetTaprootFullPubKey(merkleRoot is null ? null : new uint256(merkleRoot));
        outputKey = new XOnlyPubKey(full.OutputKey.ToBytes());
        parity = full.OutputKeyParity;
        return true;
    }

    public static void WriteCompactSize(Stream s, ulong n)
    {
        if (n < 253)
        {
            s.WriteByte((byte)n);
        }
        else if (n <= 0xffff)
        {
            s.WriteByte(253);
            s.WriteByte((byte)n);
            s.WriteByte((byte)(n >> 8));
        }
        else if (n <= 0xffffffff)
        {
            s.WriteByte(254);
            for (int i = 0; i < 4; i++) s.WriteByte((byte)(n >> (8 * i)));
        }
        else
        {
            s.WriteByte(255);
            for (int i = 0; i < 8; i++) s.WriteByte((byte)(n >> (8 * i)));
        }
    }
}
