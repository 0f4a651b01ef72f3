using PinterestPipeline.AppHost.Hosting.Infrastructure;
using PinterestPipeline.AppHost.Hosting.Local;
using PinterestPipeline.AppHost.Hosting.Pipeline;

// A configuration mistake found while the model is built (a mode that cannot run, a missing setting) ends the process
// with "error: <what to do>" and exit code 2, not a stack trace.
ConfigurationErrors.ExitWithOneLine();

var builder = DistributedApplication.CreateBuilder(args);

// Parameters
var topicPrefix = builder.AddTopicPrefix();
var mysqlPassword = builder.AddParameter("mysql-password", new GenerateParameterDefault { MinLength = 22 }, secret: true, persist: true);
var topicPartitions = builder.GetTopicPartitions();
var emitterSeed = builder.AddEmitterSeed();

// Infrastructure: Pipeline:Infrastructure = Auto | Containers | Local | External
IResourceBuilder<IResourceWithConnectionString> pinterest;
IResourceBuilder<IResourceWithConnectionString> kafka;
var infrastructure = await builder.ResolveInfrastructureModeAsync();
switch (infrastructure)
{
    case InfrastructureMode.Containers:
        pinterest = builder.AddMySql("mysql", mysqlPassword).WithDataVolume().WithPhpMyAdmin()
            .AddDatabase("pinterest", "pinterest_data");
        kafka = builder.AddKafka("kafka").WithDataVolume().WithKafkaUI()
            .WithPipelineTopics(topicPrefix, topicPartitions)
            .WithPipelineStreams(topicPrefix, topicPartitions);
        break;

    case InfrastructureMode.Local:
        pinterest = builder.AddLocalMySql("mysql", mysqlPassword)
            .AddDatabase("pinterest", "pinterest_data");
        kafka = builder.AddDevKafka("kafka")
            .WithPipelineTopics(topicPrefix, topicPartitions)
            .WithPipelineStreams(topicPrefix, topicPartitions);
        break;

    case InfrastructureMode.External:
    default:
        // Existing servers (RDS, MSK): their topics and streams are created by whoever runs them.
        (pinterest, kafka) = builder.AddExternalServers();
        break;
}

// The bucket: a local folder or S3 (Pipeline:Storage). DevKafka starts empty, so in Local mode the previous run's bucket
// and the warehouse loaded from it are moved aside when it starts.
var bucket = builder.AddPipelineBucket(emptyBroker: infrastructure is InfrastructureMode.Local ? kafka : null);

// Services: each one .WithReference(...) and .WaitFor(...) what it uses, and .WithTopicPrefix(topicPrefix) if it names topics or streams.
var seeder = builder.AddProject<Projects.PinterestPipeline_Seeder>("seeder")
    .WithReference(pinterest).WaitFor(pinterest);

var restproxy = builder.AddProject<Projects.PinterestPipeline_RestProxy>("restproxy")
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// Two emitters with one seed: the same events go to the topics (batch) and to the streams, so both paths can be compared.
builder.AddProject<Projects.PinterestPipeline_Emitter>("emitter")
    .WithReference(pinterest).WaitForCompletion(seeder)
    .WithReference(restproxy).WaitFor(restproxy)
    .WithEnvironment("Emitter__ApiBaseUrl", "http://restproxy")
    .WithTopicPrefix(topicPrefix).WithEmitterSeed(emitterSeed);

builder.AddProject<Projects.PinterestPipeline_Emitter>("stream-emitter")
    .WithReference(pinterest).WaitForCompletion(seeder)
    .WithReference(restproxy).WaitFor(restproxy)
    .WithEnvironment("Emitter__ApiBaseUrl", "http://restproxy").WithEnvironment("Emitter__Target", "Streams")
    .WithTopicPrefix(topicPrefix).WithEmitterSeed(emitterSeed);

var sink = builder.AddProject<Projects.PinterestPipeline_Sink>("sink")
    .WithReference(kafka).WaitFor(kafka)
    .WithTopicPrefix(topicPrefix)
    .WithBucket(bucket, "Sink");

// Analytics: the batch job over the sink's bucket, and the stream job over the streams on kafka.
builder.AddProject<Projects.PinterestPipeline_Analytics>("analytics")
    .WithReference(kafka).WaitFor(kafka)
    .WaitFor(sink)
    .WithTopicPrefix(topicPrefix)
    .WithBucket(bucket, "Analytics")
    .WithWarehouse()
    .WithEnvironment("Analytics__Batch__RunOnStart", "true")
    .WithEnvironment("Analytics__Batch__RunOnStartDelay", "00:00:30")
    .WithHttpHealthCheck("/health")
    .WithHttpCommand("/api/batch/runs", "Run batch now", commandName: "run-batch", commandOptions: new HttpCommandOptions
    {
        Method = HttpMethod.Post,
        Description = "Start a batch run now: load the objects added to the bucket since the last run and answer the queries again.",
        IconName = "Play",
        IsHighlighted = true,
    })
    .WithUrlForEndpoint("http", url => url.DisplayText = "Results page");

builder.Build().Run();
