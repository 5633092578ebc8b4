namespace Bitcoin.Interfaces;

/// <summary>How an entry changed, in wallet callbacks (Core's <c>ChangeType</c>).</summary>
public enum ChangeStatus
{
    /// <summary>Added.</summary>
    New = 0,

    /// <summary>Modified.</summary>
    Updated = 1,

    /// <summary>Removed.</summary>
    Deleted = 2,
}
