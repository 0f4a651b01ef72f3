namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>How a resource's console log marks errors (see <see cref="ResourceConsoleLog"/>).</summary>
internal enum ResourceKind
{
    DotNet,
    NativeServer,
    AppHostLogged,
}
