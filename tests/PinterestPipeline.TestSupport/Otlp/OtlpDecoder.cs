using System.Globalization;

namespace PinterestPipeline.TestSupport.Otlp;

/// <summary>
/// Decodes the parts of OTLP/HTTP protobuf export requests the test asserts on
/// (opentelemetry/proto/collector/{trace,logs}/v1, common/v1, resource/v1).
/// </summary>
internal static class OtlpDecoder
{
    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → ScopeSpans(2) → Span(2).</summary>
    public static List<OtlpSpan> Spans(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1)
            {
                ResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip();
            }
        }

        return spans;
    }

    /// <summary>ExportLogsServiceRequest → ResourceLogs(1) → ScopeLogs(2) → LogRecord(2).</summary>
    public static List<OtlpLogRecord> Logs(ReadOnlySpan<byte> request)
    {
        var logs = new List<OtlpLogRecord>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1)
            {
                ResourceLogs(reader.ReadBytes(), logs);
            }
            else
            {
                reader.Skip();
            }
        }

        return logs;
    }

    private static void ResourceSpans(ReadOnlySpan<byte> message, List<OtlpSpan> spans)
    {
        var service = ServiceName(message);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 2)
            {
                reader.Skip();
                continue;
            }

            var scope = new ProtoReader(reader.ReadBytes());
            while (scope.Next())
            {
                if (scope.FieldNumber == 2)
                {
                    spans.Add(Span(service, scope.ReadBytes()));
                }
                else
                {
                    scope.Skip();
                }
            }
        }
    }

    private static OtlpSpan Span(string service, ReadOnlySpan<byte> message)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<OtlpLink>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 4:
                    parentSpanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 5:
                    name = reader.ReadString();
                    break;
                case 6:
                    kind = (int)reader.ReadVarint();
                    break;
                case 9:
                    AddKeyValue(reader.ReadBytes(), attributes);
                    break;
                case 13:
                    links.Add(Link(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OtlpSpan(service, traceId, spanId, parentSpanId, name, kind, attributes, links);
    }

    // Span.Link: trace_id(1), span_id(2).
    private static OtlpLink Link(ReadOnlySpan<byte> message)
    {
        string traceId = "", spanId = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OtlpLink(traceId, spanId);
    }

    private static void ResourceLogs(ReadOnlySpan<byte> message, List<OtlpLogRecord> logs)
    {
        var service = ServiceName(message);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber != 2)
            {
                reader.Skip();
                continue;
            }

            var category = "";
            var scope = new ProtoReader(reader.ReadBytes());
            while (scope.Next())
            {
                switch (scope.FieldNumber)
                {
                    // The .NET SDK exports the logger's category as the instrumentation scope's name; the scope precedes its records.
                    case 1:
                        category = ScopeName(scope.ReadBytes());
                        break;
                    case 2:
                        logs.Add(LogRecord(service, category, scope.ReadBytes()));
                        break;
                    default:
                        scope.Skip();
                        break;
                }
            }
        }
    }

    private static OtlpLogRecord LogRecord(string service, string category, ReadOnlySpan<byte> message)
    {
        int severity = 0;
        string severityText = "", body = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 2:
                    severity = (int)reader.ReadVarint();
                    break;
                case 3:
                    severityText = reader.ReadString();
                    break;
                case 5:
                    body = AnyValue(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OtlpLogRecord(service, severity, severityText, body, category);
    }

    /// <summary>Resource(1) → attributes(1) → <c>service.name</c>.</summary>
    private static string ServiceName(ReadOnlySpan<byte> resourceContainer)
    {
        var reader = new ProtoReader(resourceContainer);
        while (reader.Next())
        {
            if (reader.FieldNumber != 1)
            {
                reader.Skip();
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var resource = new ProtoReader(reader.ReadBytes());
            while (resource.Next())
            {
                if (resource.FieldNumber == 1)
                {
                    AddKeyValue(resource.ReadBytes(), attributes);
                }
                else
                {
                    resource.Skip();
                }
            }

            return attributes.GetValueOrDefault("service.name", "");
        }

        return "";
    }

    private static string ScopeName(ReadOnlySpan<byte> scope)
    {
        var reader = new ProtoReader(scope);
        while (reader.Next())
        {
            if (reader.FieldNumber == 1)
            {
                return reader.ReadString();
            }

            reader.Skip();
        }

        return "";
    }

    private static void AddKeyValue(ReadOnlySpan<byte> message, Dictionary<string, string> attributes)
    {
        string key = "", value = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1:
                    key = reader.ReadString();
                    break;
                case 2:
                    value = AnyValue(reader.ReadBytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        attributes[key] = value;
    }

    /// <summary>AnyValue as text: string(1), bool(2), int(3), double(4); arrays and maps are not needed here.</summary>
    private static string AnyValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1:
                    return reader.ReadString();
                case 2:
                    return reader.ReadVarint() != 0 ? "true" : "false";
                case 3:
                    return ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                case 4:
                    return BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString("R", CultureInfo.InvariantCulture);
                default:
                    reader.Skip();
                    break;
            }
        }

        return "";
    }
}
