namespace Bitcoin.Common.Rpc.Internal;

/// <summary>What encloses a value being described in help: nothing, an array or an object.</summary>
internal enum HelpOuterType
{
    Arr,
    Obj,
    None,
}
