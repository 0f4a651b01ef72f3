using PinterestPipeline.Sink;
using PinterestPipeline.Sink.Consuming;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddSink();

var host = builder.Build();
var status = host.Services.GetRequiredService<SinkStatus>();
await host.RunAsync();
return status.Failure is null ? 0 : 1;
