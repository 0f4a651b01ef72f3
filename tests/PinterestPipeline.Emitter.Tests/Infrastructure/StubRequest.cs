namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>A request the stub proxy received; <see cref="Number"/> counts from 1 over all topics.</summary>
internal sealed record StubRequest(int Number, string Topic, string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers);
