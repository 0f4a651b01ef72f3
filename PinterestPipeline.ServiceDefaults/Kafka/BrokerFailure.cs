namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A librdkafka message about one broker's connection, <c>[thrd:&lt;broker&gt;]: &lt;broker&gt;: &lt;reason&gt;</c> in a
/// FAIL log line and <c>&lt;broker&gt;: &lt;reason&gt;</c> in an error event, where a broker is librdkafka's name for it:
/// <c>[protocol://]host:port/&lt;id or "bootstrap"&gt;</c>.
/// </summary>
internal readonly record struct BrokerFailure(string Broker, string Reason)
{
    /// <summary>
    /// <c>[protocol://]host:port</c>: librdkafka keeps a bootstrap broker and the broker it learns from metadata as two
    /// (<c>host:port/bootstrap</c>, <c>host:port/1</c>), and an outage of the address is one outage of both.
    /// </summary>
    public string Address => AddressOf(Broker);

    public static string AddressOf(string broker) => broker.LastIndexOf('/') is var slash and > 0 ? broker[..slash] : broker;

    public static bool TryParse(string text, out BrokerFailure failure)
    {
        failure = default;
        var rest = text.AsSpan();
        if (rest.StartsWith("[thrd:", StringComparison.Ordinal))
        {
            var end = rest.IndexOf("]: ", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            rest = rest[(end + 3)..];
        }

        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var broker = rest[..colon];
        if (broker.Contains(' ') || broker.LastIndexOf('/') is var slash && (slash < 0 || broker[..slash].LastIndexOf(':') < 0))
        {
            return false;
        }

        failure = new BrokerFailure(broker.ToString(), rest[(colon + 2)..].ToString());
        return true;
    }
}
