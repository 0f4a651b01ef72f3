using System.Text.Json;
using System.Text.Json.Serialization;
using PinterestPipeline.Analytics.Batch;

namespace PinterestPipeline.Analytics.Web;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BatchRun))]
[JsonSerializable(typeof(IReadOnlyList<BatchRun>))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(BatchStatus))]
[JsonSerializable(typeof(IReadOnlyList<QueryDescription>))]
[JsonSerializable(typeof(StreamsResponse))]
[JsonSerializable(typeof(StreamRowsResponse))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext;
