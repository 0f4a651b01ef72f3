using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header and the record headers that carry it into the log, where a proxy that
/// restarts (or another instance) reads it back.
/// </summary>
public static class IdempotencyKey
{
    /// <summary>The request header (the name of the IETF draft and of Stripe's and AWS's APIs).</summary>
    public const string RequestHeader = "Idempotency-Key";

    /// <summary>The record header holding the request's key, on every record the request produced.</summary>
    public const string RecordHeader = "idempotency-key";

    /// <summary>On records of a request of more than one record: <c>&lt;index&gt;/&lt;count&gt;</c>, from 0.</summary>
    public const string RecordIndexHeader = "idempotency-record";

    public const int MaxLength = 255;

    public static readonly string Rule = $"1 to {MaxLength} visible ASCII characters";

    /// <summary>The header's value; null when absent. <paramref name="error"/> says why a present value is refused.</summary>
    public static string? From(HttpRequest request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        error = null;
        if (!request.Headers.TryGetValue(RequestHeader, out var values) || values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || !IsValid(key))
        {
            error = $"the {RequestHeader} header must be one value of {Rule}";
            return null;
        }

        return key;
    }

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>Adds the key (and, for a request of several records, the record's place) to a record's headers.</summary>
    public static Headers Stamp(Headers? shared, string key, int index, int count)
    {
        var headers = new Headers();
        if (shared is not null)
        {
            foreach (var header in shared)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(RecordHeader, Encoding.ASCII.GetBytes(key));
        if (count > 1)
        {
            headers.Add(RecordIndexHeader, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{index}/{count}")));
        }

        return headers;
    }

    /// <summary>The key and place a record was produced with, when it has them.</summary>
    public static bool TryRead(Headers? headers, out string key, out int index, out int count)
    {
        key = string.Empty;
        index = 0;
        count = 1;
        if (headers is null || !headers.TryGetLastBytes(RecordHeader, out var keyBytes))
        {
            return false;
        }

        key = Encoding.ASCII.GetString(keyBytes);
        if (headers.TryGetLastBytes(RecordIndexHeader, out var placeBytes))
        {
            var place = Encoding.ASCII.GetString(placeBytes);
            var slash = place.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 ||
                !int.TryParse(place.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out index) ||
                !int.TryParse(place.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out count) ||
                count < 1 || index >= count)
            {
                return false;
            }
        }

        return IsValid(key);
    }
}

/// <summary>A keyed request: its <c>Idempotency-Key</c> and its topic's partition count (which partitions hold its keys).</summary>
public readonly record struct IdempotencyScope(string Key, int Partitions);

/// <summary>A key sent again with a different number of records than the first time: a client bug, refused.</summary>
public sealed class IdempotencyConflictException(string key, int firstCount, int count)
    : Exception($"the {IdempotencyKey.RequestHeader} {key} was first used for a request of {firstCount} record(s), this one has {count}; a key names one request");
