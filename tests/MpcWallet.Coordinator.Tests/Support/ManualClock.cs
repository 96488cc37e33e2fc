namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>A clock the test moves by hand (lease expiry without waiting).</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
