using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>The connection string both server forms publish, in the official integration's format.</summary>
internal static class MySqlConnectionStrings
{
    public const string UserName = "root";

    public static ReferenceExpression Server(EndpointReference endpoint, ParameterResource password) =>
        ReferenceExpression.Create(
            $"Server={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};User ID={UserName};Password={password}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> Properties(EndpointReference endpoint, ParameterResource password)
    {
        yield return new("Host", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Port)}"));
        yield return new("Username", ReferenceExpression.Create($"{UserName}"));
        yield return new("Password", ReferenceExpression.Create($"{password}"));
    }
}
