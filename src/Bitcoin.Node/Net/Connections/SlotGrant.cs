namespace Bitcoin.Node.Net.Connections;

/// <summary>One taken slot of a connection-count semaphore (Core's CountingSemaphoreGrant); released once.</summary>
internal sealed class SlotGrant(SemaphoreSlim semaphore) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (ObjectDisposedException)
            {
                // Shut down already.
            }
        }
    }
}
