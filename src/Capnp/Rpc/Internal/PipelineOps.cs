namespace Capnp.Rpc.Internal;

/// <summary>Follows a pipeline path (pointer-field indices) through results, as the C++ library does: a missing
/// struct reads as empty, a pointer past the struct's end as null.</summary>
internal static class PipelineOps
{
    /// <summary>The capability table entry found at <paramref name="path"/> from <paramref name="root"/>, or the
    /// reason there is none.</summary>
    public static IClientHook? Follow(AnyPointerReader root, PipelinePath path, out string? problem)
    {
        problem = null;
        var pointer = root;
        foreach (var field in path.Fields)
        {
            var s = pointer.GetStruct();
            if (field >= s.PointerCount)
            {
                pointer = default;
                break;
            }

            pointer = s.GetPointer(field);
        }

        switch (pointer.Kind)
        {
            case PointerKind.Capability:
                var hook = pointer.GetCapabilityEntry();
                if (hook is null)
                    problem = "Called null capability.";
                return hook;
            case PointerKind.Null:
                problem = "Called null capability.";
                return null;
            default:
                problem = "Calling capability extracted from a non-capability pointer.";
                return null;
        }
    }

    /// <summary>The node at <paramref name="path"/> with a new reference, or a broken node saying why there is none.</summary>
    public static CapNode NodeAt(AnyPointerReader root, PipelinePath path)
    {
        IClientHook? hook;
        string? problem;
        try
        {
            hook = Follow(root, path, out problem);
        }
        catch (CapnpFormatException e)
        {
            return new BrokenNode(new RpcException(e.Message));
        }

        return hook is null ? new BrokenNode(new RpcException(problem ?? "Called null capability.")) : CapNode.FromHook(hook);
    }
}
