using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>Builds the real AppHost's application model (AppHost.cs up to <c>Build()</c>) without starting anything.</summary>
internal static class AppHostModel
{
    public const string TopicPrefix = "0a1b2c3d4e5f";

    /// <summary>The pipeline's services, in name order.</summary>
    public static readonly string[] Services = ["analytics", "emitter", "restproxy", "seeder", "sink", "stream-emitter"];

    /// <summary>
    /// Builds the model with <paramref name="args"/>. Containers mode checks that a container runtime answers; there is
    /// none here, so the model is built with a stand-in CLI whose <c>info</c> exits 0 (nothing is started).
    /// </summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.PinterestPipeline_AppHost>(
            [.. args, $"--Parameters:topic-prefix={TopicPrefix}", "--Parameters:mysql-password=model-test-password",
             $"--ASPIRE_CONTAINER_RUNTIME={StandInRuntime.Answering}"]);

    public static T Single<T>(this IDistributedApplicationTestingBuilder builder, string name)
        where T : IResource =>
        Assert.IsType<T>(Assert.Single(builder.Resources, resource => resource.Name == name));

    // These helpers show values as manifest expressions (such as {mysql-password.value}), which is what the tests
    // assert, without resolving parameters or allocating endpoints.
#pragma warning disable CS0618

    /// <summary>The environment as the manifest would show it.</summary>
    public static async Task<Dictionary<string, string>> PublishedEnvironmentAsync(this IResourceWithEnvironment resource) =>
        await resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);

    /// <summary>The command-line arguments as the manifest would show them.</summary>
    public static async Task<string[]> PublishedArgumentsAsync(this IResourceWithArgs resource) =>
        await resource.GetArgumentValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    /// <summary>
    /// Names of the resources that run as processes on this machine, in name order; Aspire's own helpers that
    /// rebuild a project (children of the project) are left out.
    /// </summary>
    public static IEnumerable<string> LocalProcesses(this IDistributedApplicationTestingBuilder builder) =>
        builder.Resources
            .Where(resource => resource is ProjectResource || (resource is ExecutableResource && resource is not IResourceWithParent))
            .Select(resource => resource.Name)
            .Order();

    public static IEnumerable<string> WaitsFor(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name);

    public static IEnumerable<string> HealthChecks(this IResource resource) =>
        resource.Annotations.OfType<HealthCheckAnnotation>().Select(check => check.Key);
}
