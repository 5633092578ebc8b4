using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>BIP32 child derivation with Core's failure rules (no children below depth 255, no hardened from xpubs).</summary>
internal static class Bip32
{
    public static bool TryDerive(ExtPubKey parent, uint index, out ExtPubKey child)
    {
        child = parent;
        if (parent.Depth == byte.MaxValue || (index & HDKeyPath.HardenedFlag) != 0) return false;
        try
        {
            child = parent.Derive(index);
            return true;
        }
        catch (InvalidOperationException)
        {
            // An invalid child (probability below 2^-127) is a failure, as in Core.
            return false;
        }
    }

    public static bool TryDerive(ExtKey parent, uint index, out ExtKey child)
    {
        child = parent;
        if (parent.Depth == byte.MaxValue) return false;
        try
        {
            child = parent.Derive(index);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
