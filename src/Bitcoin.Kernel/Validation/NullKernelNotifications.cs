namespace Bitcoin.Kernel.Validation;

/// <summary>Notifications that go nowhere (for tools and tests that do not listen).</summary>
public sealed class NullKernelNotifications : IKernelNotifications
{
    /// <summary>The shared instance.</summary>
    public static NullKernelNotifications Instance { get; } = new();
}
