namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>The seed's streams, written out independently of the emitter: suffix, source table, key and partition key.</summary>
internal static class StreamTables
{
    public static readonly (string Suffix, string Table, string Key, string PartitionKey)[] All =
        [("pin", "pinterest_data", "index", "partition-1"), ("geo", "geolocation_data", "ind", "partition-2"), ("user", "user_data", "ind", "partition-3")];
}
