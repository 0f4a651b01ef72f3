namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>The system clock moved by <see cref="Shift"/>; timers and delays still run in real time.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
