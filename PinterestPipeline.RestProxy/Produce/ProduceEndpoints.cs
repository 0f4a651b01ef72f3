using Microsoft.OpenApi;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

public static class ProduceEndpoints
{
    public static IEndpointRouteBuilder MapProduceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/topics/{topic}", (HttpContext context, string topic, ProduceHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(context, topic, null, cancellationToken))
            .WithName("ProduceToTopic")
            .WithSummary("Produce records to a topic")
            .WithDescription($"Body {{\"records\":[{{\"key\":..,\"value\":..,\"partition\":..}}]}} as {MediaTypes.Json} (JSON values) or {MediaTypes.Binary} (base64). Keyed records without a partition go where the Java client's murmur2 partitioner puts them. An Idempotency-Key header makes a repeated request answer with the first one's offsets.")
            .WithProduceResponses();

        api.MapPost("/topics/{topic}/partitions/{partition}", (HttpContext context, string topic, string partition, ProduceHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(context, topic, partition, cancellationToken))
            .WithName("ProduceToPartition")
            .WithSummary("Produce records to one partition of a topic")
            .WithDescription($"Body {{\"records\":[{{\"key\":..,\"value\":..}}]}} as {MediaTypes.Json} or {MediaTypes.Binary}.")
            .WithProduceResponses();

        return api;
    }

    private static RouteHandlerBuilder WithProduceResponses(this RouteHandlerBuilder endpoint) => endpoint
        // The body is described, not bound: binding metadata would let routing answer 415 without the v2 envelope.
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ProduceRequestDocument), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [MediaTypes.Json] = new() { Schema = schema },
                    [MediaTypes.Binary] = new() { Schema = schema },
                },
            };
        })
        .Produces<ProduceResponse>(StatusCodes.Status200OK, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status400BadRequest, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status403Forbidden, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status404NotFound, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status406NotAcceptable, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status422UnprocessableEntity, MediaTypes.V2)
        .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.V2);
}
