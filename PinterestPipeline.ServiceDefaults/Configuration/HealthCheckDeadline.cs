namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The registration timeout of a client health check that bounds its own work by <c>HealthCheckTimeout</c>.
/// It is only a backstop for a check that hangs, so it lies well past the check's own timeout: on a loaded
/// machine the check's answer, which says what did not answer, still arrives before the health-check
/// service gives up with its generic "A timeout occurred while running check.".
/// </summary>
internal static class HealthCheckDeadline
{
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromSeconds(2);

    /// <summary>The check's own timeout plus as much again, and at least <see cref="MinimumMargin"/> more.</summary>
    public static TimeSpan For(TimeSpan checkTimeout) => checkTimeout + (checkTimeout > MinimumMargin ? checkTimeout : MinimumMargin);
}
