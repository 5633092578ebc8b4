namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>The script context a miniscript is used in.</summary>
internal enum MiniscriptContext
{
    P2WSH,
    Tapscript,
}
