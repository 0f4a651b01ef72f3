using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>A topic the broker must have before dependants start; the name may contain parameters.</summary>
public sealed record KafkaTopicAnnotation(ReferenceExpression Name, int Partitions) : IResourceAnnotation;
