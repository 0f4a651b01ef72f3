var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddEmitter();

var host = builder.Build();
host.Run();
