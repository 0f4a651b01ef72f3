namespace PinterestPipeline.Emitter.Worker;

/// <summary>Where <c>DryRun</c> prints the requests it would send; standard output unless replaced in the container.</summary>
public sealed class DryRunOutput(TextWriter writer)
{
    private readonly Lock gate = new();

    /// <summary>Writes <c>POST &lt;url&gt;</c> (or <c>PUT</c>) and the body on one line, so each request is one grep-able line.</summary>
    public void Write(HttpMethod method, Uri uri, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        var text = System.Text.Encoding.UTF8.GetString(body);
        lock (gate)
        {
            writer.WriteLine($"{method.Method} {uri} {text}");
            writer.Flush();
        }
    }
}
