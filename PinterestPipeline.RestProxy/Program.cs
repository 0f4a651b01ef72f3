using PinterestPipeline.RestProxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRestProxy();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRestProxy();
app.Run();

/// <summary>Visible to the tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
