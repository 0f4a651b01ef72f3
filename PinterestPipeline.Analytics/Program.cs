using PinterestPipeline.Analytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAnalytics();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAnalytics();
app.Run();

/// <summary>Visible to the tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
