namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>Miniscript node kinds (and_n, t:, l:, u: are represented through andor, and_v and or_i as in Core).</summary>
internal enum MiniscriptFragment
{
    Just0,
    Just1,
    PkK,
    PkH,
    Older,
    After,
    Sha256,
    Hash256,
    Ripemd160,
    Hash160,
    WrapA,
    WrapS,
    WrapC,
    WrapD,
    WrapV,
    WrapJ,
    WrapN,
    AndV,
    AndB,
    OrB,
    OrC,
    OrD,
    OrI,
    AndOr,
    Thresh,
    Multi,
    MultiA,
}
