using PinterestPipeline.Sink;
using PinterestPipeline.Sink.Consuming;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddSink();

using var host = builder.Build();
await host.RunAsync();
return host.Services.GetRequiredService<SinkStatus>().Failure is null ? 0 : 1;
