using Bitcoin.Interfaces;
using Bitcoin.Ipc;

namespace Apps.bitcoin_node;

/// <summary>
/// The Init bitcoin-node serves when a parent spawned it (<c>-ipcfd</c>): no node runs yet, so it offers echo only;
/// the node interface that lets the parent start the node comes with the GUI's issue.
/// </summary>
internal sealed class SpawnedNodeInit : IInit
{
    /// <inheritdoc/>
    public IEcho? MakeEcho() => new LocalEcho();
}
