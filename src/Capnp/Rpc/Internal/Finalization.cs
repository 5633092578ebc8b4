using System.Diagnostics;

namespace Capnp.Rpc.Internal;

/// <summary>
/// Releases a reference a handle still held when it was collected. The finalizer takes the reference atomically (so a
/// Dispose reaching the same handle later, through another object collected with it, finds nothing to release) and
/// hands the release to the thread pool: finalizers must not block, and a release may take a connection's lock.
/// </summary>
internal static class Finalization
{
    public static void ReleaseLater<T>(ref T? slot)
        where T : RefCounted
    {
        var reference = Interlocked.Exchange(ref slot, null);
        if (reference is null)
            return;
        ThreadPool.UnsafeQueueUserWorkItem(static r =>
        {
            try
            {
                r.Release();
            }
            catch (Exception e)
            {
                Trace.TraceError($"Cap'n Proto RPC: releasing a collected reference failed: {e}");
            }
        }, reference, preferLocal: false);
    }
}
